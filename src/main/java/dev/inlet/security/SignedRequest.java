package dev.inlet.security;

import java.util.function.Function;

/**
 * What a signature may cover besides the body: the request's headers, method, the full URL the
 * sender addressed (as trusted proxies say, {@link PublicUrl}) and the path with its query as
 * received. Read only when the scheme signs them.
 */
public interface SignedRequest {
    /** A header's value by case-insensitive name; null when absent. */
    String header(String name);

    /** The HTTP method, e.g. {@code POST}. */
    String method();

    /** The URL the sender addressed: scheme, host, path and query; "" when unknown. */
    String url();

    /** The path with its query as received (the request target); "" when unknown. */
    String pathAndQuery();

    /** A request known by its headers alone: a POST to an unknown URL. */
    static SignedRequest of(Function<String, String> headers) {
        return of(headers, "POST", "", "");
    }

    static SignedRequest of(Function<String, String> headers, String method, String url, String pathAndQuery) {
        return new SignedRequest() {
            @Override
            public String header(String name) {
                return headers.apply(name);
            }

            @Override
            public String method() {
                return method;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String pathAndQuery() {
                return pathAndQuery;
            }
        };
    }
}
