package dev.inlet.actions;

import dev.inlet.queue.PermanentFailure;
import dev.inlet.variables.Payload;
import dev.inlet.variables.Template;
import dev.inlet.variables.TemplateSyntax;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@link ActionContext} of one step for one event. */
final class StepContext implements ActionContext {
    private final Step step;
    private final Event event;
    private final Payload payload;
    private final Vertx vertx;
    private final UnknownVariables unknown;
    private int status;

    StepContext(Step step, Event event, Payload payload, Vertx vertx, UnknownVariables unknown) {
        this.step = step;
        this.event = event;
        this.payload = payload;
        this.vertx = vertx;
        this.unknown = unknown;
    }

    @Override
    public Event event() {
        return event;
    }

    @Override
    public Payload payload() {
        return payload;
    }

    @Override
    public Map<String, Object> options() {
        return step.options();
    }

    @Override
    public String render(String key) {
        return render(step.texts().get(key));
    }

    @Override
    public String renderJson(String key) {
        return render(key, TemplateSyntax.JSON_STRING);
    }

    @Override
    public String render(String key, TemplateSyntax syntax) {
        Template template = step.texts().get(key);
        if (template == null) {
            return null;
        }
        return render(template.syntax() == syntax ? template : Template.parse(template.toString(), syntax));
    }

    @Override
    public Map<String, String> renderEach(String key) {
        Map<String, Template> templates = step.textMaps().get(key);
        if (templates == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach((k, t) -> out.put(k, render(t)));
        return out;
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void answered(int httpStatus) {
        status = httpStatus;
    }

    /** The receiver's HTTP status the action reported; 0 when none. */
    int status() {
        return status;
    }

    private String render(Template template) {
        if (template == null) {
            return null;
        }
        try {
            return template.render(payload.variables(), name -> unknown.report(event.endpoint(), step.label(), name));
        } catch (Template.UnrenderableException e) {
            // Every attempt would render the same values: no retry can mend it.
            throw new PermanentFailure(e.getMessage());
        }
    }
}
