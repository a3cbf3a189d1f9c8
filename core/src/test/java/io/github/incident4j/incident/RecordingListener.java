package io.github.incident4j.incident;

import io.github.incident4j.spi.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A listener that writes every event down as one line: {@code "<event> <incident> <details>"}. */
final class RecordingListener implements IncidentListener {

    final List<String> events = new ArrayList<>();
    final List<Incident> incidents = new ArrayList<>();

    private void add(String line, Incident incident) {
        events.add(line);
        incidents.add(incident);
    }

    @Override
    public void triggered(Incident incident) {
        add("triggered " + incident.dedupKey(), incident);
    }

    @Override
    public void paged(Incident incident, Page page, Instant at, boolean first) {
        add("paged " + page.recipient() + " L" + page.level() + (first ? " first" : ""), incident);
    }

    @Override
    public void pageFailed(Incident incident, Page page, String reason) {
        add("pageFailed " + page.recipient() + " #" + page.attempt() + ": " + reason, incident);
    }

    @Override
    public void pageGivenUp(Incident incident, Page page, String reason) {
        add("pageGivenUp " + page.recipient() + " #" + page.attempt() + ": " + reason, incident);
    }

    @Override
    public void levelSkipped(Incident incident, int level, int pass, String why) {
        add("levelSkipped L" + level + ": " + why, incident);
    }

    @Override
    public void escalated(Incident incident, int level, int pass, String why) {
        add("escalated L" + level + " P" + pass + ": " + why, incident);
    }

    @Override
    public void exhausted(Incident incident, boolean nobodyPaged) {
        add("exhausted" + (nobodyPaged ? " nobody paged" : ""), incident);
    }

    @Override
    public void acknowledged(Incident incident, String who, Instant at) {
        add("acknowledged by " + who, incident);
    }

    @Override
    public void resolved(Incident incident, String who, Instant at) {
        add("resolved by " + who, incident);
    }

    @Override
    public void storeUnavailable(String operation, RuntimeException error) {
        events.add("storeUnavailable " + operation);
    }
}
