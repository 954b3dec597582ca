package dev.inlet.actions;

import dev.inlet.variables.Payload;
import dev.inlet.variables.Template;
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
    return render(step.texts().get(key), false);
  }

  @Override
  public String renderJson(String key) {
    return render(step.texts().get(key), true);
  }

  @Override
  public Map<String, String> renderEach(String key) {
    Map<String, Template> templates = step.textMaps().get(key);
    if (templates == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    templates.forEach((k, t) -> out.put(k, render(t, false)));
    return out;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  private String render(Template template, boolean jsonEscape) {
    if (template == null) {
      return null;
    }
    return template.render(payload.variables(), jsonEscape, name -> unknown.report(event.endpoint(), step.label(), name));
  }
}
