package dev.inlet.actions;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Payload;

/** Generated bodies for the condition budget tests: realistic large ones (the hostile ones are in {@link dev.inlet.support.HostileBodies}). */
public final class ConditionDocuments {

    /** The rule of issue 14: quadratic in the items, 13–16 s of CPU per 256 KiB body with the JDK's XPath. */
    public static final String QUADRATIC_XPATH = "count(//item[@sku = //blocked/@sku]) > 0";

    private ConditionDocuments() {}

    public static Payload xml(String body) {
        return Payload.of(body.getBytes(UTF_8), PayloadFormat.XML);
    }

    public static Payload json(String body) {
        return Payload.of(body.getBytes(UTF_8), PayloadFormat.JSON);
    }

    /**
     * {@code <orders>} of {@code count} orders (id, total, a customer, three items, a status, every
     * tenth refunded, and a note of {@code note} characters), about 300 bytes plus the note and 24
     * nodes each.
     */
    public static String ordersXml(int count, int note) {
        StringBuilder b = new StringBuilder("<orders>");
        for (int i = 0; i < count; i++) {
            b.append("<order id=\"")
                    .append(i)
                    .append("\" total=\"")
                    .append(i % 2000)
                    .append(".50\">")
                    .append("<customer><name>Customer ")
                    .append(i)
                    .append(" Smith</name><email>c")
                    .append(i)
                    .append("@example.com</email></customer>");
            for (int k = 0; k < 3; k++) {
                b.append("<item sku=\"SKU-")
                        .append(i * 3 + k)
                        .append("\" qty=\"")
                        .append(k + 1)
                        .append("\" price=\"9.99\"/>");
            }
            b.append("<status>")
                    .append(i % 10 == 0 ? "refunded" : "paid")
                    .append("</status><note>")
                    .append("n".repeat(note))
                    .append("</note></order>");
        }
        return b.append("</orders>").toString();
    }

    /** The same orders as JSON, {@code {"orders": [...]}}. */
    public static String ordersJson(int count, int note) {
        StringBuilder b = new StringBuilder("{\"orders\":[");
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"id\":")
                    .append(i)
                    .append(",\"total\":")
                    .append(i % 2000)
                    .append(".5,\"customer\":{\"name\":\"Customer ")
                    .append(i)
                    .append(" Smith\",\"email\":\"c")
                    .append(i)
                    .append("@example.com\"},\"items\":[");
            for (int k = 0; k < 3; k++) {
                b.append(k == 0 ? "" : ",")
                        .append("{\"sku\":\"SKU-")
                        .append(i * 3 + k)
                        .append("\",\"qty\":")
                        .append(k + 1)
                        .append(",\"price\":9.99}");
            }
            b.append("],\"status\":\"")
                    .append(i % 10 == 0 ? "refunded" : "paid")
                    .append("\",\"note\":\"")
                    .append("n".repeat(note))
                    .append("\"}");
        }
        return b.append("]}").toString();
    }
}
