package io.github.incident4j.incident;

/** Whether an incident wakes people: high urgency escalates, low urgency pages level 1 only. */
public enum Urgency {
    /** Page and escalate until acknowledged. */
    HIGH,
    /** Page level 1 once; never escalate. */
    LOW
}
