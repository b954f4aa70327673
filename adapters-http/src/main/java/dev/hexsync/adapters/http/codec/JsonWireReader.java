package dev.hexsync.adapters.http.codec;

import dev.hexsync.ports.ProtocolException;
import java.math.BigInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * {@link WireReader} over Jackson's streaming parser for one JSON text. Numbers are classified the way
 * serde_json reports them to the engine, since the line rules depend on that: non-negative integers are
 * unsigned, negative ones signed, anything with a fraction or exponent (and {@code -0}, and integers beyond
 * 64 bits) a double.
 */
final class JsonWireReader implements WireReader {
    private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

    private final JsonParser parser;
    private boolean rootSeen;
    private NumberForm numberForm;
    private long longValue;
    private double doubleValue;

    JsonWireReader(JsonParser parser) {
        this.parser = parser;
    }

    @Override
    public Token next() {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                if (!rootSeen) {
                    throw new ProtocolException("Malformed JSON sync line: the line is empty");
                }
                return Token.END_OF_INPUT;
            }
            rootSeen = true;
            switch (token) {
                case START_OBJECT:
                    return Token.START_OBJECT;
                case END_OBJECT:
                    return Token.END_OBJECT;
                case START_ARRAY:
                    return Token.START_ARRAY;
                case END_ARRAY:
                    return Token.END_ARRAY;
                case PROPERTY_NAME:
                    return Token.FIELD_NAME;
                case VALUE_STRING:
                    return Token.STRING;
                case VALUE_NUMBER_INT:
                    readInteger();
                    return Token.NUMBER;
                case VALUE_NUMBER_FLOAT:
                    setDouble(parser.getDoubleValue());
                    return Token.NUMBER;
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return Token.BOOLEAN;
                case VALUE_NULL:
                    return Token.NULL;
                default:
                    throw new ProtocolException("Malformed JSON sync line: unexpected token " + token);
            }
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    private void readInteger() {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger value = parser.getBigIntegerValue();
            if (value.signum() >= 0 && value.compareTo(TWO_POW_64) < 0) {
                numberForm = NumberForm.UINT64;
                longValue = value.longValue();
            } else {
                // serde_json falls back to f64 beyond u64/i64, so such a number is a (whole) double here too.
                setDouble(value.doubleValue());
            }
            return;
        }
        long value = parser.getLongValue();
        if (value == 0 && parser.getString().startsWith("-")) {
            // serde_json parses "-0" as the float -0.0, so e.g. a priority of -0 is rejected like 0.0 is.
            setDouble(-0.0);
        } else {
            numberForm = value < 0 ? NumberForm.INT64 : NumberForm.UINT64;
            longValue = value;
        }
    }

    private void setDouble(double value) {
        if (!Double.isFinite(value)) {
            // serde_json refuses numbers that overflow f64 rather than making them infinite.
            throw new ProtocolException("Malformed JSON sync line: number out of range: " + parser.getString());
        }
        numberForm = NumberForm.DOUBLE;
        doubleValue = value;
    }

    @Override
    public String name() {
        return parser.currentName();
    }

    @Override
    public String string() {
        try {
            return parser.getString();
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    @Override
    public byte[] bytes() {
        throw new IllegalStateException("JSON has no byte values");
    }

    @Override
    public NumberForm numberForm() {
        return numberForm;
    }

    @Override
    public long longValue() {
        return longValue;
    }

    @Override
    public double doubleValue() {
        return doubleValue;
    }

    @Override
    public boolean booleanValue() {
        return parser.currentToken() == JsonToken.VALUE_TRUE;
    }

    @Override
    public void skipChildren() {
        try {
            parser.skipChildren();
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    @Override
    public String formatName() {
        return "JSON";
    }

    private static ProtocolException malformed(JacksonException e) {
        StringBuilder message = new StringBuilder("Malformed JSON sync line: ").append(e.getOriginalMessage());
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getColumnNr() > 0) {
            message.append(" (line ").append(location.getLineNr()).append(", column ")
                    .append(location.getColumnNr()).append(')');
        }
        return new ProtocolException(message.toString(), e);
    }
}
