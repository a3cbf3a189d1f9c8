package io.github.incident4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.format.Json;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.ContactMethod;
import io.github.incident4j.incident.Contacts;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.incident.Urgency;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import io.github.incident4j.stack.Await;
import io.github.incident4j.stack.LogCapture;
import io.github.incident4j.stack.PagerDutyEventsServer;
import io.github.incident4j.stack.SlackWebhookServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who is reached how: contact methods and notification rules, dispatched with delays on the timers. */
class RoutingPagerTest {

    private final VirtualTime time = VirtualTime.startingAt(Pages.AT);

    /** A channel that records what it delivers (when, to which method) and can fail on demand. */
    static final class Recording implements ContactChannel {
        final List<String> delivered = new ArrayList<>();
        final VirtualTime time;
        int failures;

        Recording(VirtualTime time) {
            this.time = time;
        }

        @Override
        public synchronized CompletionStage<Void> deliver(Page page, ContactMethod method) {
            if (failures > 0) {
                failures--;
                return CompletableFuture.failedFuture(new DeliveryException("down", 503, false, 1, null));
            }
            delivered.add(time.now().toString().substring(11, 19) + " " + page.recipient() + " " + method.display());
            return CompletableFuture.completedFuture(null);
        }
    }

    private final Recording slack = new Recording(time);
    private final Recording pagerDuty = new Recording(time);
    private final Recording email = new Recording(time);

    private final Contacts alice = Contacts.forPerson("Alice")
            .slack("U012AB3CD").pagerDuty(PagerDutyEventsTest.KEY).email("alice@example.com")
            .rule(Urgency.HIGH, Duration.ZERO, ContactMethod.Kind.SLACK)
            .rule(Urgency.HIGH, Duration.ofMinutes(2), ContactMethod.Kind.PAGERDUTY)
            .rule(Urgency.LOW, Duration.ZERO, ContactMethod.Kind.EMAIL)
            .build();

    private RoutingPager.Builder pager(Roster roster) {
        return RoutingPager.builder(roster).timers(time)
                .channel(ContactMethod.Kind.SLACK, slack)
                .channel(ContactMethod.Kind.PAGERDUTY, pagerDuty)
                .channel(ContactMethod.Kind.EMAIL, email);
    }

    private static Page lowUrgency(Page p) {
        return new Page(p.incidentId(), p.recipient(), p.level(), p.pass(), false, p.severity(), p.summary(), null, null,
                p.at(), 1, p.dedupKey(), p.service(), Map.of(), Map.of());
    }

    @Test
    @DisplayName("high urgency: Slack at once, PagerDuty after 2 minutes; low urgency: e-mail only")
    void rules() throws Exception {
        RoutingPager pager = pager(Roster.builder().contacts(alice).build()).build();

        pager.send(Pages.page()).toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(slack.delivered).containsExactly("09:05:00 Alice Slack U012AB3CD");
        assertThat(pagerDuty.delivered).isEmpty();
        time.advance(Duration.ofMinutes(2));
        assertThat(pagerDuty.delivered).containsExactly("09:07:00 Alice PagerDuty integration …EY12");

        pager.send(lowUrgency(Pages.page("Alice", 2))).toCompletableFuture().get(1, TimeUnit.SECONDS);
        time.advance(Duration.ofMinutes(5));
        assertThat(email.delivered).containsExactly("09:07:00 Alice alice@example.com");
        assertThat(slack.delivered).hasSize(1);
        assertThat(pagerDuty.delivered).hasSize(1);
    }

    @Test
    @DisplayName("a delayed notification is skipped when the incident no longer waits (acknowledged meanwhile)")
    void stillWanted() throws Exception {
        AtomicBoolean acknowledged = new AtomicBoolean();
        RoutingPager pager = pager(Roster.builder().contacts(alice).build()).stillWanted(p -> !acknowledged.get()).build();
        pager.send(Pages.page()).toCompletableFuture().get(1, TimeUnit.SECONDS);
        time.advance(Duration.ofMinutes(1));
        acknowledged.set(true);
        time.advance(Duration.ofMinutes(1));
        assertThat(slack.delivered).hasSize(1);
        assertThat(pagerDuty.delivered).isEmpty();
    }

    @Test
    @DisplayName("a retried page resends only the failed notifications and schedules its delayed ones once")
    void retries() throws Exception {
        Contacts bob = Contacts.forPerson("Bob").slack("W0BOB1234").email("bob@example.com").pagerDuty(PagerDutyEventsTest.KEY)
                .rule(Duration.ZERO, ContactMethod.Kind.SLACK).rule(Duration.ZERO, ContactMethod.Kind.EMAIL)
                .rule(Duration.ofMinutes(2), ContactMethod.Kind.PAGERDUTY).build();
        RoutingPager pager = pager(Roster.builder().contacts(bob).build()).build();
        email.failures = 1;

        CompletableFuture<Void> first = pager.send(Pages.page("Bob", 1)).toCompletableFuture();
        assertThat(first).isCompletedExceptionally();
        pager.send(Pages.page("Bob", 1).withAttempt(2)).toCompletableFuture().get(1, TimeUnit.SECONDS);
        time.advance(Duration.ofMinutes(3));

        assertThat(slack.delivered).containsExactly("09:05:00 Bob Slack W0BOB1234");
        assertThat(email.delivered).containsExactly("09:05:00 Bob bob@example.com");
        assertThat(pagerDuty.delivered).containsExactly("09:07:00 Bob PagerDuty integration …EY12");
    }

    @Test
    @DisplayName("without rules every method is notified at once; without contacts the fallback, else a loud failure")
    void defaultsAndFallback() throws Exception {
        Contacts carol = Contacts.forPerson("Carol").slack("#payments-oncall").email("carol@example.com").build();
        Recording paymentsChannel = new Recording(time);
        RoutingPager pager = pager(Roster.builder().contacts(carol).build()).slackChannel("#payments-oncall", paymentsChannel).build();
        pager.send(Pages.page("Carol", 1)).toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(paymentsChannel.delivered).containsExactly("09:05:00 Carol Slack #payments-oncall");
        assertThat(email.delivered).containsExactly("09:05:00 Carol carol@example.com");
        assertThat(slack.delivered).isEmpty();

        try (LogCapture log = LogCapture.start()) {
            CompletableFuture<Void> nobody = pager.send(Pages.page("Dave", 1)).toCompletableFuture();
            assertThatThrownBy(() -> nobody.get(1, TimeUnit.SECONDS)).cause().isInstanceOf(RoutingPager.NoContactException.class)
                    .hasMessageContaining("nobody knows how to reach 'Dave'");
            assertThat(log.errors()).anySatisfy(l -> assertThat(l).contains("nobody knows how to reach 'Dave'"));
        }
        RoutingPager withFallback = pager(Roster.builder().contacts(carol).build()).slackChannel("#payments-oncall", paymentsChannel)
                .fallback(new ContactMethod.Slack("#payments-oncall")).build();
        withFallback.send(Pages.page("Dave", 1)).toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(paymentsChannel.delivered).last().isEqualTo("09:05:00 Dave Slack #payments-oncall");
    }

    @Test
    @DisplayName("building refuses contact methods no channel serves, naming each")
    void unservedMethods() {
        Contacts dana = Contacts.forPerson("Dana").slack("#sre").webhook(java.net.URI.create("https://ops.example.com/hook")).build();
        assertThatThrownBy(() -> RoutingPager.builder(Roster.builder().contacts(alice).contacts(dana).build()).timers(time)
                .channel(ContactMethod.Kind.SLACK, slack).build())
                .hasMessageContaining("contacts.Alice").hasMessageContaining("pagerduty")
                .hasMessageContaining("contacts.Dana").hasMessageContaining("add slackChannel(\"#sre\", ..)")
                .hasMessageContaining("add channel(WEBHOOK, ..)");
    }

    @Test
    @DisplayName("contacts refuse a rule for a kind the person has no method of, and a bad address")
    void contactsValidation() {
        assertThatThrownBy(() -> Contacts.forPerson("Eve").slack("U0EVE").email("not-an-address")
                .rule(Duration.ZERO, ContactMethod.Kind.PAGERDUTY).build())
                .hasMessageContaining("is not an e-mail address").hasMessageContaining("has no such contact method");
    }

    @Test
    @DisplayName("end to end in virtual time: the engine pages Alice; Slack gets it at once, PagerDuty after 2 minutes, "
            + "and an acknowledgement within the 2 minutes stops PagerDuty")
    void withTheEngine() throws Exception {
        try (PagerDutyEventsServer pd = new PagerDutyEventsServer(); SlackWebhookServer slackServer = new SlackWebhookServer()) {
            AtomicReference<IncidentManager> manager = new AtomicReference<>();
            Roster roster = Roster.builder().contacts(alice).build();
            RoutingPager pager = RoutingPager.builder(roster).timers(time)
                    .channel(ContactMethod.Kind.PAGERDUTY, PagerDutyEvents.withRoutingKey(PagerDutyEventsTest.KEY)
                            .endpoint(pd.endpoint()).timers(time).build())
                    .channel(ContactMethod.Kind.SLACK, SlackWebhook.to(slackServer.url()).timers(time).build())
                    .channel(ContactMethod.Kind.EMAIL, email)
                    .stillWanted(p -> manager.get().find(IncidentId.of(p.incidentId()))
                            .map(i -> i.status() == IncidentStatus.TRIGGERED).orElse(false))
                    .build();
            manager.set(IncidentManager.builder().timers(time).pager(pager).roster(roster).build());
            EscalationPolicy policy = EscalationPolicy.named("Payments").level(1, Duration.ofMinutes(15), Target.person("Alice")).build();

            Incident first = manager.get().trigger(Alert.withKey("fp-1").service("payment-service").summary("Error rate above 5%")
                    .severity("SEV-1").build(), policy);
            Incident second = manager.get().trigger(Alert.withKey("fp-2").service("payment-service").summary("Latency above 500ms")
                    .severity("SEV-2").build(), policy);
            Await.until("both Slack messages arrived", Duration.ofSeconds(10), () -> slackServer.messages().size() == 2);
            time.advance(Duration.ofMinutes(1));
            manager.get().acknowledge(second.id(), "Alice");
            time.advance(Duration.ofMinutes(1));
            Await.until("the PagerDuty trigger of the unacknowledged incident arrived", Duration.ofSeconds(10),
                    () -> pd.events().size() == 1);

            assertThat(pd.schemaErrors()).isEmpty();
            assertThat(slackServer.schemaErrors()).isEmpty();
            assertThat(pd.events().get(0).dedupKey()).isEqualTo("fp-1");
            assertThat(pd.events().get(0).payloadString("severity")).isEqualTo("critical");
            assertThat(slackServer.messages()).extracting(m -> m.get("text").flatMap(Json.Value::string).orElseThrow())
                    .anySatisfy(t -> assertThat(t).contains(first.id().value(), "<@U012AB3CD>"))
                    .anySatisfy(t -> assertThat(t).contains(second.id().value()));
            assertThat(pd.requests()).hasSize(1);
        }
    }
}
