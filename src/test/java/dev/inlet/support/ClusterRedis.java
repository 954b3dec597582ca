package dev.inlet.support;

import dev.inlet.redis.HashSlots;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.embedded.RedisServer;

/**
 * A real Redis Cluster of {@code masters} nodes on free loopback ports, from the redis-server binary
 * inside the embedded-redis jar, formed without redis-cli: each node gets an equal range of slots
 * (CLUSTER ADDSLOTS in chunks), the first node meets the others (CLUSTER MEET), and start-up waits
 * until every node reports {@code cluster_state:ok} and knows every other. Closing stops the
 * processes and deletes their folders.
 */
public final class ClusterRedis implements AutoCloseable {
    private static final int ADDSLOTS_CHUNK = 1000;
    private static final long FORM_TIMEOUT_MILLIS = 20_000;

    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final List<RedisServer> servers = new ArrayList<>();

    private ClusterRedis(Path dir) {
        this.dir = dir;
    }

    public static ClusterRedis start(int masters) {
        ClusterRedis cluster;
        try {
            cluster = new ClusterRedis(Files.createTempDirectory("inlet-cluster"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (int i = 0; i < masters; i++) {
                cluster.startNode(i);
            }
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startNode(int index) {
        try {
            int port = freePort();
            Path nodeDir = Files.createDirectories(dir.resolve("node-" + index));
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + nodeDir.toAbsolutePath())
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("cluster-enabled yes")
                    .setting("cluster-config-file nodes.conf")
                    .setting("cluster-node-timeout 2000")
                    .setting("maxmemory-policy noeviction")
                    .onShutdownForceStop(true)
                    .build();
            servers.add(server);
            server.start();
            ports.add(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start cluster node " + index, e);
        }
    }

    /** Slots split evenly in order, as redis-cli --cluster create does; node i holds the i-th range. */
    private void form() {
        Vertx vertx = Vertx.vertx();
        List<Redis> nodes = new ArrayList<>();
        try {
            for (int port : ports) {
                nodes.add(Redis.createClient(vertx, "redis://127.0.0.1:" + port));
            }
            for (int i = 0; i < nodes.size(); i++) {
                int from = first(i);
                int to = first(i + 1);
                for (int chunk = from; chunk < to; chunk += ADDSLOTS_CHUNK) {
                    Request add = Request.cmd(Command.CLUSTER).arg("ADDSLOTS");
                    for (int slot = chunk; slot < Math.min(to, chunk + ADDSLOTS_CHUNK); slot++) {
                        add.arg(slot);
                    }
                    await(nodes.get(i).send(add));
                }
            }
            for (int i = 1; i < nodes.size(); i++) {
                await(nodes.get(0)
                        .send(Request.cmd(Command.CLUSTER)
                                .arg("MEET")
                                .arg("127.0.0.1")
                                .arg(ports.get(i))));
            }
            long deadline = System.currentTimeMillis() + FORM_TIMEOUT_MILLIS;
            while (!formed(nodes)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the cluster did not form in " + FORM_TIMEOUT_MILLIS + " ms");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            nodes.forEach(Redis::close);
            await(vertx.close());
        }
    }

    private boolean formed(List<Redis> nodes) {
        for (Redis node : nodes) {
            String info =
                    await(node.send(Request.cmd(Command.CLUSTER).arg("INFO"))).toString();
            if (!info.contains("cluster_state:ok")
                    || !info.contains("cluster_known_nodes:" + nodes.size())
                    || !info.contains("cluster_slots_ok:" + HashSlots.SLOTS)) {
                return false;
            }
        }
        return true;
    }

    private int first(int node) {
        return (int) ((long) HashSlots.SLOTS * node / ports.size());
    }

    /** The connection string naming every node, as {@code redis.url} takes it in cluster mode. */
    public String url() {
        return String.join(
                ",", ports.stream().map(p -> "redis://127.0.0.1:" + p).toList());
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** The index of the master that holds {@code slot}. */
    public int masterOf(int slot) {
        for (int i = ports.size() - 1; i >= 0; i--) {
            if (slot >= first(i)) {
                return i;
            }
        }
        throw new IllegalArgumentException("slot " + slot);
    }

    @Override
    public void close() {
        for (RedisServer s : servers) {
            try {
                s.stop();
            } catch (IOException | RuntimeException e) {
                // Stopping the others and deleting the folder matters more.
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A free port whose cluster bus port (port + 10000, fixed in Redis 6) is free too; both below
     * Linux's ephemeral range (32768 and up), so no outgoing connection takes them meanwhile.
     */
    private static int freePort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(2_768);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("no free port pair (port, port + 10000) found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
