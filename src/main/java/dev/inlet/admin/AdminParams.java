package dev.inlet.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** Query and path parameters shared by the admin routes. */
final class AdminParams {
  /** A Redis stream entry id. */
  static final Pattern STREAM_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

  private AdminParams() {}

  /** {@code ?count=}: the default when absent, null when not a number from 1 to {@code max}. */
  static Integer count(RoutingContext ctx, int dflt, int max) {
    String raw = ctx.queryParams().get("count");
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(raw);
      return n >= 1 && n <= max ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
