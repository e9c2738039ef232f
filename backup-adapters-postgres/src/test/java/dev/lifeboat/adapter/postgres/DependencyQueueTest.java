package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Work handed out once what it waits for is done, the largest first: how a restore schedules loads and builds. */
class DependencyQueueTest {

    private record Work(String name, long bytes) {
    }

    private static DependencyQueue<Work> largestFirst() {
        return new DependencyQueue<>(Comparator.comparingLong(Work::bytes).reversed());
    }

    @Test
    void of_what_may_run_the_largest_goes_first_and_equals_in_the_order_added() throws Exception {
        DependencyQueue<Work> queue = largestFirst();
        Work small = new Work("small", 10);
        Work large = new Work("large", 1000);
        Work alsoSmall = new Work("also small", 10);
        queue.add(small, List.of());
        queue.add(large, List.of());
        queue.add(alsoSmall, List.of());

        assertThat(List.of(queue.take().orElseThrow(), queue.take().orElseThrow(), queue.take().orElseThrow()))
                .containsExactly(large, small, alsoSmall);
        assertThat(queue.size()).isEqualTo(3);
    }

    @Test
    void an_item_waits_until_everything_it_needs_is_done() throws Exception {
        DependencyQueue<Work> queue = largestFirst();
        Work load = new Work("load", 10);
        Work otherLoad = new Work("other load", 5);
        Work build = new Work("build", 10_000);
        queue.add(load, List.of());
        queue.add(otherLoad, List.of());
        queue.add(build, List.of(load, otherLoad));

        assertThat(queue.take()).contains(load);
        assertThat(queue.take()).contains(otherLoad);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<Work>> waiting = thread.submit(queue::take);
            queue.done(load);
            assertThatStillWaiting(waiting);
            queue.done(otherLoad);
            assertThat(waiting.get(10, TimeUnit.SECONDS)).contains(build);
        } finally {
            thread.shutdownNow();
        }
        queue.done(build);
        assertThat(queue.take()).as("everything done").isEmpty();
    }

    @Test
    void stopping_wakes_a_worker_waiting_for_work() throws Exception {
        DependencyQueue<Work> queue = largestFirst();
        Work load = new Work("load", 10);
        queue.add(load, List.of());
        queue.add(new Work("build", 10), List.of(load));
        assertThat(queue.take()).contains(load);
        CompletableFuture<Optional<Work>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatStillWaiting(waiting);

        queue.stop();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).as("the load failed: nothing more is handed out").isEmpty();
    }

    @Test
    void a_queue_refuses_an_item_that_waits_for_one_not_added_before_it() {
        DependencyQueue<Work> queue = largestFirst();
        Work later = new Work("later", 1);

        assertThatThrownBy(() -> queue.add(new Work("first", 1), List.of(later)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not added before it");
    }

    private static void assertThatStillWaiting(Future<Optional<Work>> waiting) throws Exception {
        try {
            Optional<Work> early = waiting.get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("handed out " + early + " before what it waits for was done");
        } catch (TimeoutException expected) {
            // still waiting, as it should
        }
    }
}
