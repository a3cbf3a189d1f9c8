package io.github.incident4j.examples.bench.jdbc;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Benchmark 7's escalation chains on db-scheduler 16.7.1: {@code instances} schedulers (each its own HikariCP pool
 * and {@link #THREADS} execution threads) on one PostgreSQL, sharing one {@code scheduled_tasks} table. A chain is
 * a one-time task per level (instance {@code c<chain>-l<level>}): executing a level pages it and schedules the next
 * level due now; for an even chain the next level is scheduled and then cancelled at once, as the acknowledgement
 * (scheduled a minute ahead, so the cancellation never races its execution). Polling: {@code lock-and-fetch}
 * ({@code SELECT ... FOR UPDATE SKIP LOCKED}, the executions already picked), with the README's high-throughput
 * setting {@code pollUsingLockAndFetch(1.0, 4.0)}, immediate execution of what is scheduled due now, and a 10 ms
 * polling interval.
 */
final class SchedulerChains implements AutoCloseable {

    /** Execution threads per scheduler instance. */
    static final int THREADS = 4;
    static final String TASK = "escalate";
    /** The {@code scheduled_tasks} table db-scheduler's README asks for, on PostgreSQL (written from its columns). */
    static final String TABLE = "CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
            + " task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL,"
            + " picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE,"
            + " consecutive_failures INT, last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
            + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))";
    static final String[] INDEXES = {
        "CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)",
        "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
        "CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)"};

    final ChainTally tally;
    /** Executions (pages) so far, for the benchmark's counter. */
    final AtomicLong executions = new AtomicLong();
    /** Chains not yet ended (scheduled minus ended), for the driver's back-pressure. */
    final AtomicLong unfinished = new AtomicLong();
    private final BenchDatabase database;
    private final List<Scheduler> schedulers = new ArrayList<>();
    private final OneTimeTask<Void> task;

    SchedulerChains(int instances, ChainTally tally) {
        this.tally = tally;
        this.database = BenchDatabase.start();
        this.task = Tasks.oneTime(TASK).execute((instance, context) -> execute(instance.getId()));
        for (int i = 0; i < instances; i++) {
            DataSource pool = database.pool("dbscheduler", "db-scheduler-" + i, THREADS + 2);
            if (i == 0) {
                try (var c = pool.getConnection(); var s = c.createStatement()) {
                    s.execute(TABLE);
                    for (String index : INDEXES) {
                        s.execute(index);
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("cannot create scheduled_tasks", e);
                }
            }
            Scheduler scheduler = Scheduler.create(pool, task)
                    .schedulerName(new SchedulerName.Fixed("instance-" + i))
                    .threads(THREADS)
                    .pollUsingLockAndFetch(1.0, 4.0)
                    .pollingInterval(Duration.ofMillis(10))
                    .enableImmediateExecution()
                    .build();
            schedulers.add(scheduler);
        }
        schedulers.forEach(Scheduler::start);
    }

    /** Level {@code level} of chain {@code chain}: page it, then schedule (or schedule and cancel) the next. */
    private void execute(String id) {
        int dash = id.indexOf("-l");
        long chain = Long.parseLong(id.substring(1, dash));
        int level = Integer.parseInt(id.substring(dash + 2));
        tally.paged("chain-" + chain, level);
        executions.incrementAndGet();
        Scheduler client = schedulers.get((int) (chain % schedulers.size()));
        if (level == ChainTally.LEVELS) {
            unfinished.decrementAndGet();
            return;
        }
        String next = "c" + chain + "-l" + (level + 1);
        if (level == 1 && ChainTally.acknowledged(chain)) {
            client.schedule(task.instance(next), Instant.now().plusSeconds(60));
            client.cancel(TaskInstanceId.of(TASK, next));
            tally.cancelled();
            unfinished.decrementAndGet();
        } else {
            client.schedule(task.instance(next), Instant.now());
        }
    }

    /** Schedules level 1 of chains {@code first} .. {@code first + count - 1}, due now, in one batch insert. */
    void open(long first, int count) {
        List<com.github.kagkarlsson.scheduler.task.TaskInstance<?>> batch = new ArrayList<>(count);
        for (long c = first; c < first + count; c++) {
            batch.add(task.instance("c" + c + "-l1"));
        }
        unfinished.addAndGet(count);
        schedulers.get((int) (first % schedulers.size())).scheduleBatch(batch, Instant.now());
    }

    /** Waits until at most {@code most} chains are unfinished (or the deadline passes: then it throws). */
    void awaitUnfinishedAtMost(long most, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (unfinished.get() > most) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("db-scheduler left " + unfinished.get() + " chains unfinished");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
    }

    /** Runs {@code chains} chains to their end, as the same-work test does. */
    void runToEnd(int chains) {
        open(0, chains);
        awaitUnfinishedAtMost(0, Duration.ofSeconds(60));
    }

    /** The server of this trial. */
    BenchDatabase database() {
        return database;
    }

    @Override
    public void close() {
        schedulers.forEach(Scheduler::stop);
        database.close();
    }
}
