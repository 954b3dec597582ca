package dev.inlet.actions;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Payload;

/** Generated bodies for the condition budget tests: realistic large ones and hostile ones. */
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
            b.append("<order id=\"").append(i).append("\" total=\"").append(i % 2000).append(".50\">")
                    .append("<customer><name>Customer ").append(i).append(" Smith</name><email>c").append(i)
                    .append("@example.com</email></customer>");
            for (int k = 0; k < 3; k++) {
                b.append("<item sku=\"SKU-").append(i * 3 + k).append("\" qty=\"").append(k + 1)
                        .append("\" price=\"9.99\"/>");
            }
            b.append("<status>").append(i % 10 == 0 ? "refunded" : "paid").append("</status><note>")
                    .append("n".repeat(note)).append("</note></order>");
        }
        return b.append("</orders>").toString();
    }

    /** The same orders as JSON, {@code {"orders": [...]}}. */
    public static String ordersJson(int count, int note) {
        StringBuilder b = new StringBuilder("{\"orders\":[");
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"total\":").append(i % 2000)
                    .append(".5,\"customer\":{\"name\":\"Customer ").append(i).append(" Smith\",\"email\":\"c")
                    .append(i).append("@example.com\"},\"items\":[");
            for (int k = 0; k < 3; k++) {
                b.append(k == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(i * 3 + k).append("\",\"qty\":")
                        .append(k + 1).append(",\"price\":9.99}");
            }
            b.append("],\"status\":\"").append(i % 10 == 0 ? "refunded" : "paid").append("\",\"note\":\"")
                    .append("n".repeat(note)).append("\"}");
        }
        return b.append("]}").toString();
    }

    /**
     * About {@code bytes} of {@code <item sku="…"/>} (four fifths) and {@code <blocked sku="…"/>},
     * no sku in both: {@link #QUADRATIC_XPATH} compares every item with every blocked sku.
     */
    public static String itemsAndBlocked(int bytes) {
        StringBuilder b = new StringBuilder("<doc>");
        for (int i = 0; b.length() < bytes * 4 / 5; i++) {
            b.append("<item sku=\"s").append(i).append("\"/>");
        }
        for (int i = 0; b.length() < bytes - 6; i++) {
            b.append("<blocked sku=\"b").append(i).append("\"/>");
        }
        return b.append("</doc>").toString();
    }

    /**
     * Eight nested 4,000-character keys around an array of zeros, about {@code bytes} long: every
     * zero's JsonPath path is 32,000 characters.
     */
    public static String longKeysAroundZeros(int bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append("{\"").append(Character.toString('a' + i).repeat(4000)).append("\":");
        }
        b.append('[');
        while (b.length() < bytes - 20) {
            b.append("0,");
        }
        b.append("0]");
        for (int i = 0; i < 8; i++) {
            b.append('}');
        }
        return b.toString();
    }
}
