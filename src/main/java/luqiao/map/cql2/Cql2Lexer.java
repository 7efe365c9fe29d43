package luqiao.map.cql2;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CQL2-text into tokens, each with its 0-based start offset for error messages.
 * Stops with an error after {@link Cql2#MAX_TOKENS} tokens, which bounds the work any request can cause.
 */
final class Cql2Lexer {

    enum Kind {
        IDENTIFIER,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        LEFT_PAREN,
        RIGHT_PAREN,
        COMMA,
        OPERATOR,
        END
    }

    record Token(Kind kind, String text, int position) {
        boolean is(Kind expected) {
            return kind == expected;
        }

        /** Case-insensitive keyword test; quoted identifiers are never keywords. */
        boolean isKeyword(String keyword) {
            return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
        }

        String describe() {
            return kind == Kind.END ? "end of input" : "'" + text + "'";
        }
    }

    private final String input;
    private int position;

    private Cql2Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        return new Cql2Lexer(input).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position >= input.length()) {
                tokens.add(new Token(Kind.END, "", input.length()));
                return tokens;
            }
            if (tokens.size() == Cql2.MAX_TOKENS) {
                throw Cql2Exception.at(position, "the filter has more than " + Cql2.MAX_TOKENS + " tokens");
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (position < input.length() && Character.isWhitespace(input.charAt(position))) {
            position++;
        }
    }

    private Token next() {
        int start = position;
        char c = input.charAt(position);
        switch (c) {
            case '(':
                position++;
                return new Token(Kind.LEFT_PAREN, "(", start);
            case ')':
                position++;
                return new Token(Kind.RIGHT_PAREN, ")", start);
            case ',':
                position++;
                return new Token(Kind.COMMA, ",", start);
            case '=':
                position++;
                return new Token(Kind.OPERATOR, "=", start);
            case '<':
            case '>':
                position++;
                if (position < input.length()) {
                    char second = input.charAt(position);
                    if (second == '=' || (c == '<' && second == '>')) {
                        position++;
                    }
                }
                return new Token(Kind.OPERATOR, input.substring(start, position), start);
            case '\'':
                return string(start);
            case '"':
                return quotedIdentifier(start);
            default:
                break;
        }
        if (isNumberStart(c)) {
            return number(start);
        }
        if (isIdentifierStart(c)) {
            while (position < input.length() && isIdentifierPart(input.charAt(position))) {
                position++;
            }
            return new Token(Kind.IDENTIFIER, input.substring(start, position), start);
        }
        throw Cql2Exception.at(start, "unexpected character '" + c + "'");
    }

    /** 'text' with '' standing for one quote. */
    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        position++;
        while (position < input.length()) {
            char c = input.charAt(position++);
            if (c != '\'') {
                value.append(c);
            } else if (position < input.length() && input.charAt(position) == '\'') {
                value.append('\'');
                position++;
            } else {
                return new Token(Kind.STRING, value.toString(), start);
            }
        }
        throw Cql2Exception.at(start, "unterminated string literal");
    }

    /**
     * "name". The BNF only allows identifier characters inside; we accept any character (and ""
     * for a quote) because the name is only ever looked up in the queryables, never put into SQL,
     * and an "unknown property" error is clearer than a syntax error.
     */
    private Token quotedIdentifier(int start) {
        StringBuilder value = new StringBuilder();
        position++;
        while (position < input.length()) {
            char c = input.charAt(position++);
            if (c != '"') {
                value.append(c);
            } else if (position < input.length() && input.charAt(position) == '"') {
                value.append('"');
                position++;
            } else {
                return new Token(Kind.QUOTED_IDENTIFIER, value.toString(), start);
            }
        }
        throw Cql2Exception.at(start, "unterminated quoted property name");
    }

    private boolean isNumberStart(char c) {
        if (isDigit(c)) {
            return true;
        }
        // A sign belongs to the number: CQL2 arithmetic is not supported, so +/- has no other use.
        int next = position + 1;
        if (c == '.') {
            return next < input.length() && isDigit(input.charAt(next));
        }
        if (c == '-' || c == '+') {
            return next < input.length() && (isDigit(input.charAt(next)) || input.charAt(next) == '.');
        }
        return false;
    }

    private Token number(int start) {
        if (input.charAt(position) == '-' || input.charAt(position) == '+') {
            position++;
        }
        skipDigits();
        if (position < input.length() && input.charAt(position) == '.') {
            position++;
            skipDigits();
        }
        if (position < input.length() && (input.charAt(position) == 'e' || input.charAt(position) == 'E')) {
            position++;
            if (position < input.length() && (input.charAt(position) == '-' || input.charAt(position) == '+')) {
                position++;
            }
            int exponentStart = position;
            skipDigits();
            if (position == exponentStart) {
                throw Cql2Exception.at(start, "malformed number");
            }
        }
        String text = input.substring(start, position);
        if (text.equals("-.") || text.equals("+.") || text.equals(".")) {
            throw Cql2Exception.at(start, "malformed number");
        }
        return new Token(Kind.NUMBER, text, start);
    }

    private void skipDigits() {
        while (position < input.length() && isDigit(input.charAt(position))) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** identifierStart of the CQL2 BNF: letters, ':' and '_'. */
    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == ':' || c == '_';
    }

    /** identifierPart of the CQL2 BNF: additionally '.', digits and combining marks. */
    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c)
                || c == '.'
                || isDigit(c)
                || Character.getType(c) == Character.NON_SPACING_MARK
                || c == '\u203F'
                || c == '\u2040';
    }
}
