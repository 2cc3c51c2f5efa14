package io.qsctl.zdb.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qsctl.zdb.resp.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool against a real RESP server (redis-server). */
class ZdbPoolIT {

    @TempDir
    Path workDir;

    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.startOrSkip(workDir);
    }

    @AfterEach
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private ZdbPoolConfig small() {
        return ZdbPoolConfig.DEFAULT.withMaxTotal(2).withBorrowTimeout(Duration.ofMillis(200));
    }

    @Test
    void aReturnedConnectionIsHandedOutAgain() {
        try (ZdbPool pool = new ZdbPool(redis.config(), small())) {
            ZdbConnection first = pool.borrow();
            pool.release(first);

            ZdbConnection second = pool.borrow();

            assertThat(second).isSameAs(first);
            assertThat(pool.borrowedCount()).isEqualTo(1);
            assertThat(pool.idleCount()).isZero();
            pool.release(second);
        }
    }

    @Test
    void borrowingFromAFullPoolTimesOut() {
        try (ZdbPool pool = new ZdbPool(redis.config(), small())) {
            ZdbConnection a = pool.borrow();
            ZdbConnection b = pool.borrow();

            assertThatThrownBy(pool::borrow)
                    .isInstanceOf(ZdbTimeoutException.class)
                    .hasMessageContaining("became free within 200 ms (all 2 in use)");

            pool.release(a);
            pool.release(b);
        }
    }

    @Test
    void aWaitingBorrowerGetsTheConnectionReleasedMeanwhile() throws Exception {
        try (ZdbPool pool = new ZdbPool(redis.config(), small().withMaxTotal(1).withBorrowTimeout(Duration.ofSeconds(5)))) {
            ZdbConnection held = pool.borrow();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<ZdbConnection> waiting = executor.submit(() -> pool.borrow());
                await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());

                pool.release(held);

                ZdbConnection handedOver = waiting.get();
                assertThat(handedOver).isSameAs(held);
                pool.release(handedOver);
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void servesManyThreadsWithoutEverSharingAConnection() throws Exception {
        int threads = 8;
        try (ZdbPool pool = new ZdbPool(redis.config(), ZdbPoolConfig.DEFAULT.withMaxTotal(4))) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    results.add(executor.submit(() -> {
                        int checked = 0;
                        for (int i = 0; i < 500; i++) {
                            String key = "t" + thread + ":" + i;
                            String read = pool.call(connection -> {
                                connection.command("SET", key, key);
                                return new String(connection.get(key.getBytes(UTF_8)).orElseThrow(), UTF_8);
                            });
                            assertThat(read).isEqualTo(key);
                            checked++;
                        }
                        return checked;
                    }));
                }
                for (Future<Integer> result : results) {
                    assertThat(result.get()).isEqualTo(500);
                }
            } finally {
                executor.shutdownNow();
            }
            assertThat(pool.borrowedCount()).isZero();
            assertThat(pool.idleCount()).isBetween(1, 4);
        }
    }

    @Test
    void anIdleConnectionIsValidatedAndReplacedAfterTheServerRestarted() {
        ZdbPoolConfig validateAlways = small().withValidateAfterIdle(Duration.ZERO);
        try (ZdbPool pool = new ZdbPool(redis.config(), validateAlways)) {
            pool.run(connection -> connection.command("SET", "k", "v"));

            redis.kill();
            redis.start();

            // SET, not PING: a connection retries read-only calls on a fresh socket by itself, which
            // would hide a pool that hands out the dead connection unvalidated.
            Reply reply = pool.call(connection -> connection.command("SET", "k", "v2"));
            assertThat(reply).isEqualTo(new Reply.SimpleString("OK"));
        }
    }

    @Test
    void aConnectionThatBrokeIsNotTakenBack() {
        try (ZdbPool pool = new ZdbPool(redis.config(), small())) {
            ZdbConnection connection = pool.borrow();
            redis.kill();
            assertThatThrownBy(() -> connection.command("SET", "k", "v")).isInstanceOf(ZdbConnectionException.class);

            pool.release(connection);

            assertThat(pool.idleCount()).isZero();
            assertThatThrownBy(connection::ping).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aConnectionMovedToAnotherSessionIsNotTakenBack() {
        try (ZdbPool pool = new ZdbPool(redis.config(), small())) {
            ZdbConnection connection = pool.borrow();
            connection.select("1"); // redis takes a database number where 0-db takes a namespace

            pool.release(connection);

            assertThat(pool.idleCount()).isZero();
            assertThat(connection.isConnected()).isFalse();
        }
    }

    @Test
    void closingThePoolClosesIdleConnectionsAndRefusesBorrowers() {
        ZdbPool pool = new ZdbPool(redis.config(), small());
        ZdbConnection idle = pool.borrow();
        ZdbConnection busy = pool.borrow();
        pool.release(idle);

        pool.close();

        assertThat(idle.isConnected()).isFalse();
        assertThatThrownBy(pool::borrow).isInstanceOf(IllegalStateException.class);
        pool.release(busy);
        assertThat(busy.isConnected()).isFalse();
    }

    @Test
    void releasingAForeignConnectionIsRefused() {
        try (ZdbPool pool = new ZdbPool(redis.config(), small());
                ZdbConnection stranger = ZdbConnection.open(redis.config())) {
            assertThatThrownBy(() -> pool.release(stranger)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
