/**
 * On-call schedules: a {@link io.github.incident4j.oncall.Schedule} of layers of rotating participants,
 * restrictions and overrides, resolved to who is on call at an instant, the final schedule, coverage gaps,
 * a load report and lint.
 */
@NullMarked
package io.github.incident4j.oncall;

import org.jspecify.annotations.NullMarked;
