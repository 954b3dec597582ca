package dev.inlet.variables;

/**
 * Where the literal text read so far leaves the next reference: a small scanner per syntax
 * over the literal characters (a reference's value never moves it, since values are escaped).
 */
abstract class TemplatePosition {
    static TemplatePosition of(TemplateSyntax syntax) {
        return switch (syntax) {
            case TEXT -> new Fixed(ValueEscape.RAW);
            case JSON_STRING -> new Fixed(ValueEscape.JSON_STRING);
            case FORM -> new Fixed(ValueEscape.FORM);
            case JSON -> new Json();
            case XML -> new Xml();
            case URL -> new Url();
        };
    }

    abstract void literal(char c);

    abstract ValueEscape escape();

    /** Why a reference here is refused; null when it is not. */
    String refusal() {
        return null;
    }

    /** A reference with this name run was read. */
    void reference(String run) {}

    /** What is wrong with the template as a whole once all of it was read; null when nothing. */
    String atEnd() {
        return null;
    }

    private static final class Fixed extends TemplatePosition {
        private final ValueEscape escape;

        Fixed(ValueEscape escape) {
            this.escape = escape;
        }

        @Override
        void literal(char c) {}

        @Override
        ValueEscape escape() {
            return escape;
        }
    }

    /** Inside or outside a JSON string, and right after a backslash inside one. */
    private static final class Json extends TemplatePosition {
        private boolean inString;
        private boolean escaped;

        @Override
        void literal(char c) {
            if (!inString) {
                inString = c == '"';
            } else if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
        }

        @Override
        ValueEscape escape() {
            return inString ? ValueEscape.JSON_STRING : ValueEscape.JSON_VALUE;
        }

        @Override
        String refusal() {
            return escaped ? "follows a backslash in a JSON string: a value would complete the escape" : null;
        }

        @Override
        void reference(String run) {
            escaped = false;
        }

        @Override
        String atEnd() {
            return inString ? "the template ends inside a JSON string: close it with \"" : null;
        }
    }

    /** In an XML CDATA section or not. */
    private static final class Xml extends TemplatePosition {
        private static final String OPEN = "<![CDATA[";
        private static final String CLOSE = "]]>";
        private final StringBuilder tail = new StringBuilder();
        private boolean inCdata;

        @Override
        void literal(char c) {
            tail.append(c);
            if (tail.length() > OPEN.length()) {
                tail.deleteCharAt(0);
            }
            String marker = inCdata ? CLOSE : OPEN;
            if (tail.length() >= marker.length() && tail.lastIndexOf(marker) == tail.length() - marker.length()) {
                inCdata = !inCdata;
                tail.setLength(0);
            }
        }

        @Override
        ValueEscape escape() {
            return inCdata ? ValueEscape.XML_CDATA : ValueEscape.XML;
        }

        /**
         * The rest of a run may be text: {@code <![CDATA[$items[0]]]>} matches {@code items[0]} and
         * keeps {@code ]]}, which the {@code >} after it makes a close. So trailing {@code ]} count
         * as read: taken for a close, a section is at worst still open while values are escaped
         * as text, which is safe in it too.
         */
        @Override
        void reference(String run) {
            tail.setLength(0);
            for (int i = Math.max(0, run.length() - 2); i < run.length(); i++) {
                if (run.charAt(i) == ']') {
                    tail.append(']');
                } else {
                    tail.setLength(0);
                }
            }
        }
    }

    /** The component of an absolute URL: scheme and authority, path, query, fragment. */
    private static final class Url extends TemplatePosition {
        private enum Component {
            SCHEME,
            AFTER_COLON,
            AFTER_SLASH,
            AUTHORITY,
            PATH,
            QUERY,
            FRAGMENT,
            OPAQUE
        }

        private Component part = Component.SCHEME;

        @Override
        void literal(char c) {
            part = switch (part) {
                case SCHEME -> c == ':'
                        ? Component.AFTER_COLON
                        : c == '/' || c == '?' || c == '#' ? Component.OPAQUE : Component.SCHEME;
                case AFTER_COLON -> c == '/' ? Component.AFTER_SLASH : Component.OPAQUE;
                case AFTER_SLASH -> c == '/' ? Component.AUTHORITY : Component.OPAQUE;
                case AUTHORITY -> c == '/'
                        ? Component.PATH
                        : c == '?' ? Component.QUERY : c == '#' ? Component.FRAGMENT : Component.AUTHORITY;
                case PATH -> c == '?' ? Component.QUERY : c == '#' ? Component.FRAGMENT : Component.PATH;
                case QUERY -> c == '#' ? Component.FRAGMENT : Component.QUERY;
                case FRAGMENT, OPAQUE -> part;
            };
        }

        @Override
        ValueEscape escape() {
            return part == Component.PATH ? ValueEscape.URL_SEGMENT : ValueEscape.URL_COMPONENT;
        }

        @Override
        String refusal() {
            return switch (part) {
                case PATH, QUERY, FRAGMENT -> null;
                default -> "is in the url's scheme or authority: a payload must not choose where an event goes;"
                        + " put variables in the path or the query";
            };
        }
    }
}
