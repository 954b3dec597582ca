package dev.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.cache.CacheProvider;
import com.jayway.jsonpath.spi.cache.NOOPCache;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.inlet.config.PayloadFormat;
import dev.inlet.variables.Parsers;
import dev.inlet.variables.Payload;
import java.util.Collection;

/** A JsonPath condition, evaluated on the payload's Jackson tree so the body is parsed once. */
final class ConditionJsonPath implements Condition {

    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Parsers.jsonMapper()))
            .mappingProvider(new JacksonMappingProvider(Parsers.jsonMapper()))
            .build();

    static {
        // We compile every path ourselves, so json-path's LRU path cache is useless to us, and its
        // lock is contended under load. setCache fails if the cache was already set or used
        // elsewhere, in which case that choice stands.
        try {
            CacheProvider.setCache(new NOOPCache());
        } catch (JsonPathException alreadyConfigured) {
            // Kept as is: nothing of ours goes through the cache.
        }
    }

    private final String expression;
    private final JsonPath path;

    private ConditionJsonPath(String expression, JsonPath path) {
        this.expression = expression;
        this.path = path;
    }

    static ConditionJsonPath compile(String expression) {
        try {
            return new ConditionJsonPath(expression, JsonPath.compile(expression));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(
                    "condition \"" + expression + "\": invalid JsonPath: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean test(Payload payload) {
        if (payload.format() != PayloadFormat.JSON) {
            return false;
        }
        JsonNode document = payload.jsonDocument();
        try {
            return matches(path.read(document, JACKSON));
        } catch (JsonPathException e) {
            // A path that is missing or does not fit this payload's shape simply does not match.
            return false;
        }
    }

    private static boolean matches(Object result) {
        if (result instanceof JsonNode node) {
            if (node.isArray()) {
                return !node.isEmpty();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            return !node.isNull() && !node.isMissingNode();
        }
        if (result instanceof Collection<?> list) {
            return !list.isEmpty();
        }
        return result != null && !Boolean.FALSE.equals(result);
    }

    @Override
    public String toString() {
        return expression;
    }
}
