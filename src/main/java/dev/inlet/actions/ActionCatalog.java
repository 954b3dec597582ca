package dev.inlet.actions;

import dev.inlet.config.ConfigException;
import dev.inlet.variables.TemplateSyntax;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The actions a configuration may name: the built-ins ({@code http}, {@code stream}, {@code log})
 * and the custom {@link Action}s found with {@link ServiceLoader}. Checks a step's options at
 * start-up and creates the instances one worker verticle uses.
 */
public final class ActionCatalog {
    private static final Map<String, Function<Map<String, Object>, List<String>>> BUILT_IN = Map.of(
            HttpAction.NAME, HttpActionOptions::check,
            StreamAction.NAME, StreamAction::checkOptions,
            LogAction.NAME, LogAction::checkOptions);
    /** The built-ins whose options are not all plain-text templates: the syntax of each such key. */
    private static final Map<String, Function<Map<String, Object>, Map<String, TemplateSyntax>>> SYNTAXES =
            Map.of(HttpAction.NAME, HttpActionOptions::templateSyntaxes);

    private final ClassLoader loader;
    private final Map<String, Action> custom;

    private ActionCatalog(ClassLoader loader, Map<String, Action> custom) {
        this.loader = loader;
        this.custom = custom;
    }

    /**
     * The built-ins plus the custom actions on the context class path.
     *
     * @throws ConfigException when a custom action's name is empty or taken
     */
    public static ActionCatalog load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, Action> custom = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Action a : ServiceLoader.load(Action.class, loader)) {
            String name = a.name();
            if (name == null || name.isBlank()) {
                problems.add("action handler " + a.getClass().getName() + ": name() must not be empty");
            } else if (BUILT_IN.containsKey(name) || custom.containsKey(name)) {
                problems.add(
                        "action handler " + a.getClass().getName() + ": the name \"" + name + "\" is already taken by "
                                + (BUILT_IN.containsKey(name)
                                        ? "a built-in action"
                                        : custom.get(name).getClass().getName()));
            } else {
                custom.put(name, a);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ActionCatalog(loader, Map.copyOf(custom));
    }

    /** Every action name a step may use, sorted. */
    public Set<String> names() {
        Set<String> all = new TreeSet<>(BUILT_IN.keySet());
        all.addAll(custom.keySet());
        return all;
    }

    boolean has(String name) {
        return BUILT_IN.containsKey(name) || custom.containsKey(name);
    }

    /** The problems of a step's options, each {@code key: what is wrong}. */
    List<String> check(String name, Map<String, Object> options) {
        var builtIn = BUILT_IN.get(name);
        if (builtIn != null) {
            return builtIn.apply(options);
        }
        try {
            List<String> problems = custom.get(name).check(options);
            return problems == null ? List.of() : problems;
        } catch (RuntimeException e) {
            return List.of("action: " + name + " could not check its options (" + e + ")");
        }
    }

    /** The template syntax of each option key of a step that is not plain text; empty for custom actions. */
    Map<String, TemplateSyntax> templateSyntaxes(String name, Map<String, Object> options) {
        var syntaxes = SYNTAXES.get(name);
        return syntaxes == null ? Map.of() : syntaxes.apply(options);
    }

    /**
     * Fresh instances for one worker verticle: a built-in {@code http} with its own WebClient, a
     * {@code stream} writing through {@code redis}, and new instances of the custom actions, those
     * that may block set to run on worker threads. Call it on the worker verticle's context.
     */
    public Map<String, Action> instantiate(Vertx vertx, Redis redis) {
        Context context = vertx.getOrCreateContext();
        Map<String, Action> out = new LinkedHashMap<>();
        // Vert.x pools connections per destination (scheme, host, port): one slow or dead receiver
        // holds at most its own connections, and the requests waiting for them are bounded.
        out.put(
                HttpAction.NAME,
                new HttpAction(WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setUserAgent("Inlet")
                                .setFollowRedirects(false)
                                .setConnectTimeout(HttpAction.CONNECT_TIMEOUT_MILLIS),
                        new PoolOptions()
                                .setHttp1MaxSize(HttpAction.MAX_CONNECTIONS_PER_DESTINATION)
                                .setMaxWaitQueueSize(HttpAction.MAX_WAITING_PER_DESTINATION))));
        out.put(StreamAction.NAME, new StreamAction(redis));
        out.put(LogAction.NAME, new LogAction());
        for (Action a : ServiceLoader.load(Action.class, loader)) {
            if (custom.containsKey(a.name())) {
                out.put(a.name(), a.blocking() ? new BlockingAction(a, context) : a);
            }
        }
        return out;
    }
}
