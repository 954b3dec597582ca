package dev.inlet.actions;

import dev.inlet.variables.Payload;
import dev.inlet.variables.TemplateSyntax;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * What an {@link Action} sees of one event and of the step it runs for. Option texts are parsed as
 * templates once per configuration; {@code render...} substitutes {@code $name} with the payload's
 * variables (an unknown name renders empty and is logged once per endpoint and name). A value that
 * cannot go where its reference stands fails the call with {@link dev.inlet.queue.PermanentFailure},
 * whose message names the reference, never the value.
 */
public interface ActionContext {

    /** The event as received. */
    Event event();

    /** The payload, parsed lazily and shared by all actions of the event. */
    Payload payload();

    /** The flattened variables of the payload ({@code data.attributes.title → x}). */
    default Map<String, String> variables() {
        return payload().variables();
    }

    /** The step's options as written in the config (the action's own keys, minus {@code action} and {@code when}). */
    Map<String, Object> options();

    /**
     * A text option rendered as a template, values escaped for the syntax the action's option has
     * (the built-in {@code http} action's {@code url} and {@code body}); for a custom action's
     * options, values inserted as they are. Null when the option is absent.
     */
    String render(String key);

    /** A text option rendered as a template, values escaped as the content of a JSON string; null when absent. */
    String renderJson(String key);

    /**
     * A text option rendered as a template of {@code syntax}, each value escaped for where it stands
     * in it (see {@link TemplateSyntax}): {@code render("body", TemplateSyntax.XML)} for an XML body.
     * The option is parsed for that syntax on each call, unless it already was. Null when absent.
     */
    String render(String key, TemplateSyntax syntax);

    /** A mapping option (such as {@code headers}) with each value rendered as a template; empty when absent. */
    Map<String, String> renderEach(String key);

    /** The Vert.x instance of the worker verticle running the action. */
    Vertx vertx();

    /**
     * Notes the HTTP status the action's receiver answered, for the event's history (the built-in
     * {@code http} action calls it for every answer, 2xx or not). Optional; the last call counts.
     */
    default void answered(int httpStatus) {}
}
