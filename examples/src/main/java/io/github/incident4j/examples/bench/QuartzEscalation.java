package io.github.incident4j.examples.bench;

import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The Quartz baseline of the escalation-timers scenario ({@link EscalationScenario}): what a Java team would
 * write with Quartz and its in-memory {@code RAMJobStore}. One trigger per pending escalation step: level 1 is
 * paged at once and a trigger for the level-2 step is scheduled; an acknowledgement unschedules it; the level-2
 * job pages level 2 and schedules the level-3 step, whose job pages level 3.
 *
 * Each step is its own (non-durable) job with its trigger, the usual {@code scheduleJob(job, trigger)} pattern:
 * sharing one durable job among all triggers makes every unscheduling clone all of that job's triggers
 * ({@code RAMJobStore.getTriggersForJob}), which we measured to be several times slower.
 *
 * <p>Quartz fires on real time and cannot be told that five minutes have passed, so the triggers are due at
 * once and the acknowledgements must happen before anything fires: the scheduler is held in standby while the
 * incidents are triggered and half of them acknowledged, then started, and the run ends when a latch has
 * counted every fired step. Measured: scheduling every level-2 trigger, unscheduling half of them, and firing
 * the rest with their level-3 follow-ups until the last job has run. Not measured: building the scheduler
 * (done once per trial; between runs it is put in standby and cleared). The misfire threshold is set high so
 * no trigger takes the misfire path, and the thread pool has {@value #THREADS} threads with trigger acquisition
 * batched up to that many, which is the fastest setting we found on this 2-core machine. Quartz may use both
 * cores (its scheduler thread and workers) where incident4j runs on the caller's one thread.
 */
final class QuartzEscalation implements AutoCloseable {

    static final int THREADS = 4;
    private static final String RUN = "run";

    private final Scheduler scheduler;

    QuartzEscalation(String name) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(TimeUnit.HOURS.toMillis(1)));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(THREADS));
        try {
            scheduler = new StdSchedulerFactory(p).getScheduler();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot build the Quartz scheduler", e);
        }
    }

    /** One run's state, reached by the jobs through the scheduler context. */
    static final class Run {
        final AtomicIntegerArray masks;
        final CountDownLatch fired;
        final AtomicLong cancelled = new AtomicLong();
        final Scheduler scheduler;

        Run(int n, Scheduler scheduler) {
            this.masks = new AtomicIntegerArray(n);
            this.fired = new CountDownLatch(2 * (n - (n + 1) / 2));
            this.scheduler = scheduler;
        }

        void page(int incident, int level) {
            int bit = 1 << (level - 1);
            masks.getAndUpdate(incident, m -> m | bit);
        }

        int[] masks() {
            int[] copy = new int[masks.length()];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = masks.get(i);
            }
            return copy;
        }
    }

    /** The escalation step: pages its level and, below the last level, schedules the next step. */
    public static final class Escalate implements Job {
        /** Quartz instantiates jobs reflectively. */
        public Escalate() {
        }

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try {
                Run run = (Run) context.getScheduler().getContext().get(RUN);
                JobDataMap data = context.getTrigger().getJobDataMap();
                int incident = data.getInt("incident");
                int level = data.getInt("level");
                run.page(incident, level);
                if (level < 3) {
                    run.scheduler.scheduleJob(job(incident, level + 1), step(incident, level + 1));
                }
                run.fired.countDown();
            } catch (SchedulerException e) {
                throw new JobExecutionException(e);
            }
        }
    }

    private static JobDetail job(int incident, int level) {
        return JobBuilder.newJob(Escalate.class).withIdentity("incident-" + incident + "/level-" + level, "incidents")
                .build();
    }

    private static Trigger step(int incident, int level) {
        return TriggerBuilder.newTrigger()
                .withIdentity(key(incident, level))
                .usingJobData("incident", incident)
                .usingJobData("level", level)
                .startAt(new Date())
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    private static TriggerKey key(int incident, int level) {
        return TriggerKey.triggerKey("incident-" + incident + "/level-" + level, "incidents");
    }

    /** Clears the scheduler and holds it in standby, ready for {@link #run(int)}. */
    void reset() {
        try {
            scheduler.standby();
            scheduler.clear();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot reset the Quartz scheduler", e);
        }
    }

    /** Runs the scenario for {@code n} incidents after {@link #reset()}; returns the run's outcome. */
    Run run(int n) {
        try {
            Run run = new Run(n, scheduler);
            scheduler.getContext().put(RUN, run);
            for (int i = 0; i < n; i++) {
                run.page(i, 1);
                scheduler.scheduleJob(job(i, 2), step(i, 2));
            }
            for (int i = 0; i < n; i++) {
                if (EscalationScenario.acknowledged(i) && scheduler.unscheduleJob(key(i, 2))) {
                    run.cancelled.incrementAndGet();
                }
            }
            scheduler.start();
            if (!run.fired.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Quartz left " + run.fired.getCount()
                        + " steps unfired after 10 minutes");
            }
            return run;
        } catch (SchedulerException e) {
            throw new IllegalStateException("the Quartz run failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Quartz", e);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot shut the Quartz scheduler down", e);
        }
    }
}
