package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A shutdown that comes while a restore swaps its target in waits for the swap, and no swap begins after it. */
class SwapSectionTest {

    private final List<Thread> hooks = new ArrayList<>();
    private final SwapSection section = new SwapSection(Duration.ofSeconds(30), hooks::add);

    @Test
    void the_shutdown_waits_for_a_swap_under_way_and_then_keeps_others_from_beginning() throws Exception {
        CountDownLatch inSwap = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        Thread swap = daemon(() -> {
            try (SwapSection.Held held = section.enter()) {
                inSwap.countDown();
                mayEnd.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(inSwap.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(hooks).as("a shutdown hook, registered at the first swap").hasSize(1);

        CompletableFuture<Boolean> shutdown = new CompletableFuture<>();
        daemon(() -> shutdown.complete(section.holdAtShutdown()));
        Thread.sleep(200);
        assertThat(shutdown).as("the shutdown waits while the swap is under way").isNotDone();
        mayEnd.countDown();
        assertThat(shutdown.get(30, TimeUnit.SECONDS)).as("it then holds the section").isTrue();
        swap.join(TimeUnit.SECONDS.toMillis(30));

        CountDownLatch began = new CountDownLatch(1);
        daemon(() -> {
            section.enter();
            began.countDown();
        });
        assertThat(began.await(200, TimeUnit.MILLISECONDS)).as("a swap that had not begun does not begin").isFalse();
        assertThat(hooks).hasSize(1);
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "swap-section-test");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
