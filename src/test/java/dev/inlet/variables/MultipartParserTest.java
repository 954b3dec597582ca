package dev.inlet.variables;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.inlet.config.PayloadFormat;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The multipart scanner and its variables: delimiters, headers, file parts, limits and refusals. */
class MultipartParserTest {
    static final String BOUNDARY = "----inlet7MA4YWxkTrZu0gW";
    static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private static Map<String, String> variables(String body, String... jsonFields) {
        return payload(bytes(body), jsonFields).variables();
    }

    private static Payload payload(byte[] body, String... jsonFields) {
        return Payload.of(body, PayloadFormat.MULTIPART, TYPE, List.of(jsonFields), FlattenLimits.DEFAULT, b -> {});
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    /** One text part, CRLF line ends. */
    static String text(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    static String close() {
        return "--" + BOUNDARY + "--\r\n";
    }

    private static java.util.Optional<String> check(String body) {
        return PayloadSyntax.checkMultipart(bytes(body), TYPE);
    }

    @Test
    void mailgunShapedRouteGivesTextPartsAndFileParts() {
        String body = text("recipient", "orders@example.com")
                + text("sender", "bob@example.org")
                + text("subject", "Re: order 17")
                + text("body-plain", "Line 1\r\nLine 2 --" + BOUNDARY + "x\r\n")
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"attachment-1\"; filename=\"invoice 17.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 \u0000\u00ff binary\r\n"
                + text("timestamp", "1718000000")
                + close();
        assertThat(check(body)).isEmpty();
        assertThat(variables(body))
                .containsExactly(
                        entry("recipient", "orders@example.com"),
                        entry("sender", "bob@example.org"),
                        entry("subject", "Re: order 17"),
                        entry("body-plain", "Line 1\r\nLine 2 --" + BOUNDARY + "x\r\n"),
                        entry("attachment-1.filename", "invoice 17.pdf"),
                        entry("attachment-1.contentType", "application/pdf"),
                        entry(
                                "attachment-1.size",
                                String.valueOf("%PDF-1.4 \u0000\u00ff binary".getBytes(UTF_8).length)),
                        entry("timestamp", "1718000000"));
    }

    @Test
    void preambleEpilogueAndTransportPaddingAreIgnored() {
        String body = "This is the preamble.\r\n" + "--" + BOUNDARY + " \t\r\n"
                + "content-disposition: FORM-DATA; NAME=a\r\nX-Other: ignored\r\n\r\n1\r\n"
                + "--" + BOUNDARY + "--" + " and the epilogue \u0000 --" + BOUNDARY;
        assertThat(check(body)).isEmpty();
        assertThat(variables(body)).containsExactly(entry("a", "1"));
    }

    @Test
    void quotedParametersEmptyValuesAndRepeatedNames() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data;name=\"say \\\"hi\\\"; ok\"\r\n\r\n\r\n"
                + text("tag", "a") + text("tag", "b") + close();
        assertThat(variables(body))
                .containsExactly(entry("say \"hi\"; ok", ""), entry("tag[0]", "a"), entry("tag[1]", "b"));
    }

    /** RFC 2046: a part's headers may be followed by the next delimiter at once, without content. */
    @Test
    void aPartWithoutContentAndAPartWithEmptyContentAreBothEmpty() {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=";
        String body = head + "a\r\n\r\n" + head + "b\r\n\r\n\r\n" + close();
        assertThat(check(body)).isEmpty();
        assertThat(variables(body)).containsExactly(entry("a", ""), entry("b", ""));
    }

    /** A boundary inside content is content unless it starts a line and ends as a delimiter does. */
    @Test
    void theBoundaryInsideContentIsContent() {
        String value =
                "x--" + BOUNDARY + "\r\n\r\n--" + BOUNDARY + "-\r\n--" + BOUNDARY + "x--\r\n--" + BOUNDARY + " x";
        String body = text("a", value) + close();
        assertThat(check(body)).isEmpty();
        assertThat(variables(body)).containsExactly(entry("a", value));
    }

    @Test
    void aBareCrOrLfInAPartHeaderCannotInjectAHeader() {
        String[] injected = {
            "Content-Disposition: form-data; name=a\rContent-Type: application/pdf\r\n",
            "Content-Disposition: form-data; name=a\nContent-Type: application/pdf\r\n",
            "Content-Disposition: form-data; name=\"a\r\nContent-Type: x\"\r\n",
        };
        for (String header : injected) {
            assertThat(check("--" + BOUNDARY + "\r\n" + header + "\r\n1\r\n" + close()))
                    .as(header)
                    .isPresent();
        }
    }

    @Test
    void aBodyOfOnlyTheClosingDelimiterHasNoParts() {
        assertThat(check(close())).isEmpty();
        assertThat(variables(close())).isEmpty();
    }

    @Test
    void aQuotedBoundaryWithPunctuationIsRead() {
        String boundary = "a'()+_,-./:=? b";
        String type = "Multipart/Form-Data ; charset=utf-8; boundary=\"" + boundary + "\"";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=x\r\n\r\ny\r\n--" + boundary + "--";
        assertThat(PayloadSyntax.checkMultipart(bytes(body), type)).isEmpty();
        assertThat(PayloadSyntax.multipartMediaType(type))
                .isEqualTo("multipart/form-data; boundary=\"" + boundary + "\"");
    }

    @Test
    void aNestedMultipartAndABinaryPartAreKeptAsRawBytes() {
        String nested = "--inner\r\nContent-Type: text/plain\r\n\r\nfile one\r\n--inner--";
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"\r\n"
                + "Content-Type: multipart/mixed; boundary=inner\r\n\r\n" + nested + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u00ff\u00fe\r\n" + close();
        byte[] raw = body.getBytes(ISO_8859_1);
        assertThat(PayloadSyntax.checkMultipart(raw, TYPE)).isEmpty();
        assertThat(payload(raw).variables())
                .containsExactly(
                        entry("files.filename", ""),
                        entry("files.contentType", "multipart/mixed; boundary=inner"),
                        entry("files.size", String.valueOf(nested.length())),
                        entry("blob.filename", ""),
                        entry("blob.contentType", "application/octet-stream"),
                        entry("blob.size", "2"));
    }

    @Test
    void aTextPartInAnotherCharsetIsDecodedFromIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"html\"\r\n"
                + "Content-Type: text/html; charset=iso-8859-1\r\n\r\n"));
        out.writeBytes("<p>caf\u00e9</p>".getBytes(ISO_8859_1));
        out.writeBytes(bytes("\r\n" + close()));
        assertThat(PayloadSyntax.checkMultipart(out.toByteArray(), TYPE)).isEmpty();
        assertThat(payload(out.toByteArray()).variables()).containsExactly(entry("html", "<p>caf\u00e9</p>"));
    }

    @Test
    void extendedFilenamesAreDecoded() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=f; filename=\"x.txt\"; "
                + "filename*=UTF-8''%E2%82%AC+rates.txt\r\n\r\nabc\r\n" + close();
        assertThat(variables(body))
                .containsExactly(entry("f.filename", "€+rates.txt"), entry("f.contentType", ""), entry("f.size", "3"));
    }

    @Test
    void jsonFieldsAreFlattenedAndTheJsonViewDescribesFiles() {
        String body = text("message-headers", "[[\"X-Mailgun-Sid\", \"abc\"]]")
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n"
                + text("n", "1") + text("n", "2") + close();
        Payload payload = payload(bytes(body), "message-headers");
        assertThat(payload.variables())
                .containsExactly(
                        entry("message-headers[0][0]", "X-Mailgun-Sid"),
                        entry("message-headers[0][1]", "abc"),
                        entry("a.filename", "a.txt"),
                        entry("a.contentType", "text/plain"),
                        entry("a.size", "5"),
                        entry("n[0]", "1"),
                        entry("n[1]", "2"));
        assertThat(payload.jsonDocument().toString())
                .isEqualTo(
                        "{\"message-headers\":[[\"X-Mailgun-Sid\",\"abc\"]],"
                                + "\"a\":{\"filename\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":5},\"n\":[\"1\",\"2\"]}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "multipart/form-data; boundary=\"\"",
                "multipart/form-data; boundary=a=b",
                "multipart/form-data; boundary=\"ends in space \"",
                "multipart/form-data; boundary=\"has\\\"quote\"",
                "multipart/form-data; boundary=x; boundary=y",
                "multipart/form-data; boundary=\"unterminated",
                "multipart/mixed; boundary=x",
                "application/json",
            })
    void aContentTypeWithoutAValidBoundaryIsRefused(String type) {
        assertThat(PayloadSyntax.checkMultipart(bytes(close()), type)).isPresent();
        assertThat(PayloadSyntax.checkMultipart(bytes(close()), null)).isPresent();
    }

    @Test
    void aSeventyCharacterBoundaryIsTheLongest() {
        assertThat(PayloadSyntax.checkMultipart(
                        bytes("--" + "b".repeat(70) + "--"), "multipart/form-data; boundary=" + "b".repeat(70)))
                .isEmpty();
        assertThat(PayloadSyntax.checkMultipart(
                        bytes("--" + "b".repeat(71) + "--"), "multipart/form-data; boundary=" + "b".repeat(71)))
                .isPresent();
    }

    @Test
    void malformedBodiesAreRefusedWithAReason() {
        String part = text("a", "1");
        assertThat(check("")).contains("no boundary delimiter in the body");
        assertThat(check("just text")).contains("no boundary delimiter in the body");
        assertThat(check(part)).hasValueSatisfying(r -> assertThat(r).contains("no closing boundary delimiter"));
        assertThat(check(part + "--" + BOUNDARY))
                .hasValueSatisfying(r -> assertThat(r).contains("no closing boundary"));
        assertThat(check(part + "--" + BOUNDARY + "-"))
                .hasValueSatisfying(r -> assertThat(r).contains("no closing"));
        // Truncated in the headers, and bare LF line ends.
        assertThat(check("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a"))
                .hasValueSatisfying(r -> assertThat(r).contains("body ends in the part's headers"));
        assertThat(check("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a\n\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("not ended by CRLF"));
        assertThat(check("--" + BOUNDARY + "\nContent-Disposition: form-data; name=a\r\n\r\n1\n--" + BOUNDARY + "--"))
                .contains("no boundary delimiter in the body");
        assertThat(check("--" + BOUNDARY + "\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("folded header line"));
        assertThat(check("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("no Content-Disposition"));
        assertThat(check("--" + BOUNDARY + "\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("not form-data"));
        assertThat(check("--" + BOUNDARY + "\r\nContent-Disposition: form-data; filename=a\r\n\r\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("no name"));
        assertThat(check("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("repeated parameter"));
        assertThat(check("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a\r\n"
                        + "Content-Disposition: form-data; name=b\r\n\r\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("repeated Content-Disposition"));
        assertThat(check("--" + BOUNDARY + "\r\nno colon here\r\n\r\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("malformed header line"));
        assertThat(check("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\u0001\"\r\n\r\n1\r\n"
                        + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("control character"));
        assertThat(check("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a\r\n"
                        + "Content-Type: text/plain; charset=no-such-charset\r\n\r\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("unknown charset"));
        assertThat(check("--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=a; filename*=latin1''x\r\n\r\n1\r\n" + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("filename*"));
    }

    @Test
    void invalidUtf8InATextPartOrAHeaderIsRefused() {
        byte[] head = bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a\r\n\r\n");
        byte[] tail = bytes("\r\n" + close());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.write(0xC3);
        out.write(0x28);
        out.writeBytes(tail);
        assertThat(PayloadSyntax.checkMultipart(out.toByteArray(), TYPE))
                .hasValueSatisfying(r -> assertThat(r).contains("invalid UTF-8"));
        // A sequence cut by the delimiter's CRLF.
        out.reset();
        out.writeBytes(head);
        out.write(0xE2);
        out.write(0x82);
        out.writeBytes(tail);
        assertThat(PayloadSyntax.checkMultipart(out.toByteArray(), TYPE))
                .hasValueSatisfying(r -> assertThat(r).contains("invalid UTF-8"));
        out.reset();
        out.writeBytes(bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""));
        out.write(0xFF);
        out.writeBytes(bytes("\"\r\n\r\n1" + "\r\n" + close()));
        assertThat(PayloadSyntax.checkMultipart(out.toByteArray(), TYPE))
                .hasValueSatisfying(r -> assertThat(r).contains("invalid UTF-8"));
    }

    @Test
    void limitsAreRefused() {
        String parts = text("a", "").repeat(Parsers.MAX_PARTS);
        assertThat(check(parts + close())).isEmpty();
        assertThat(check(parts + text("a", "") + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("more than 1000 parts"));
        String header = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=a\r\nX-Pad: "
                + "p".repeat(Parsers.MAX_PART_HEADER_BYTES) + "\r\n\r\n1\r\n" + close();
        assertThat(check(header))
                .hasValueSatisfying(r -> assertThat(r).contains("header block longer than 8192 bytes"));
        assertThat(check(text("n".repeat(Parsers.MAX_FIELD_NAME_BYTES + 1), "1") + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("field name longer than 4096 bytes"));
        String big = "x".repeat(Parsers.MAX_FIELD_VALUE_BYTES + 1);
        assertThat(check(text("a", big) + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("text longer than 4194304 bytes"));
        // The same bytes as a file part are not text: bounded by the body alone.
        String file =
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=f; filename=big.bin\r\n\r\n" + big + "\r\n";
        assertThat(check(file + close())).isEmpty();
        String most = text("a", "x".repeat(Parsers.MAX_FIELD_VALUE_BYTES)).repeat(4);
        assertThat(check(most + text("b", "y") + close()))
                .hasValueSatisfying(r -> assertThat(r).contains("names and text longer than 16777216 bytes"));
    }

    @Test
    void reasonsNeverQuoteThePayload() {
        String secret = "SECRETSECRET";
        String[] bodies = {
            "--" + BOUNDARY + "\r\nContent-Disposition: " + secret + "; name=a\r\n\r\n1\r\n" + close(),
            "--" + BOUNDARY + "\r\n" + secret + "\r\n\r\n1\r\n" + close(),
            text(secret, secret),
        };
        for (String body : bodies) {
            assertThat(check(body)).hasValueSatisfying(r -> assertThat(r).doesNotContain(secret));
        }
        assertThat(PayloadSyntax.checkMultipart(bytes(close()), "multipart/form-data; boundary=\"" + secret + " \""))
                .hasValueSatisfying(r -> assertThat(r).doesNotContain(secret));
    }
}
