package org.nxhl.bridge.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.nxhl.bridge.store.StoreUnavailableException;

/**
 * Group commit for intake: events that arrive while a commit is being written wait for the next one and
 * share it, so a store that writes (and on PostgreSQL syncs) each commit takes many events per write.
 * Every caller still gets its answer only once its event is committed.
 */
final class GroupCommit {

    private static final int MAX_BATCH = 256;
    private static final long WAIT_SECONDS = 30;

    private record Pending(NewEvent event, CompletableFuture<Intake> result) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Function<List<NewEvent>, List<Intake>> write;
    private final Thread writer;
    private volatile boolean open = true;

    GroupCommit(Function<List<NewEvent>, List<Intake>> write) {
        this.write = write;
        this.writer = new Thread(this::run, "inbox-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    Intake submit(NewEvent event) {
        if (!open) {
            throw new StoreUnavailableException("the inbox is closed", null);
        }
        CompletableFuture<Intake> result = new CompletableFuture<>();
        queue.add(new Pending(event, result));
        try {
            return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while the event was stored", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreUnavailableException cause ? cause
                    : new StoreUnavailableException("the event was not stored", e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("the store did not commit within " + WAIT_SECONDS + " s", e);
        }
    }

    void close() {
        open = false;
        writer.interrupt();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (open || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Pending> batch) {
        try {
            List<Intake> results = write.apply(batch.stream().map(Pending::event).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1 || unreachable(e)) {
                batch.forEach(p -> p.result().completeExceptionally(e));
            } else {
                // one event the store refuses must not fail the others that shared its commit
                batch.forEach(p -> commit(List.of(p)));
            }
        }
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
