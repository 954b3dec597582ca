package dev.inlet.variables;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one event walk shared by the XML syntax check and the flattener: it refuses what the
 * hardened factory only reports (a DOCTYPE, an entity reference) and turns parser failures into
 * {@link MalformedPayloadException} with a safe reason.
 */
final class XmlEvents {

    private XmlEvents() {}

    /**
     * The next event, refusing a DOCTYPE (billion laughs, XXE, external DTD), entity references
     * and element or attribute names longer than {@link Parsers#MAX_NAME_LENGTH} with a
     * {@link MalformedPayloadException}.
     */
    static int next(XMLStreamReader reader) throws XMLStreamException {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD) {
            throw refused("DOCTYPE is not allowed", reader.getLocation());
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw refused("entity references are not allowed", reader.getLocation());
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
            boolean tooLong = tooLong(reader.getPrefix(), reader.getLocalName());
            for (int i = 0, n = reader.getAttributeCount(); i < n && !tooLong; i++) {
                tooLong = tooLong(reader.getAttributePrefix(i), reader.getAttributeLocalName(i));
            }
            if (tooLong) {
                throw refused("a name is longer than " + Parsers.MAX_NAME_LENGTH + " characters", reader.getLocation());
            }
        }
        return event;
    }

    private static boolean tooLong(String prefix, String localName) {
        int prefixLength = prefix == null || prefix.isEmpty() ? 0 : prefix.length() + 1;
        return prefixLength + localName.length() > Parsers.MAX_NAME_LENGTH;
    }

    /** The safe form of a parser failure. */
    static MalformedPayloadException malformed(XMLStreamException e) {
        String message = e.getMessage();
        // Woodstox appends " at [row,col ...]" on a new line; the location is reported apart.
        Location location = e.getLocation();
        if (location == null) {
            return new MalformedPayloadException(SafeReason.clean(message));
        }
        return new MalformedPayloadException(
                SafeReason.at(message, location.getLineNumber(), location.getColumnNumber()));
    }

    /** Closes quietly: the body is in memory, there is nothing to flush or release on failure. */
    static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Nothing to recover: the reader only wraps a byte array.
            }
        }
    }

    private static MalformedPayloadException refused(String reason, Location location) {
        return new MalformedPayloadException(
                SafeReason.at(reason, location.getLineNumber(), location.getColumnNumber()));
    }
}
