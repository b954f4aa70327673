package dev.hexsync.adapters.http;

import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.message.RequestLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections that keep the token out of HttpClient's logs. HttpClient's connections write every request header,
 * {@code Authorization} included, to the logger {@code org.apache.hc.client5.http.headers} at DEBUG, and every
 * byte sent and received to {@code org.apache.hc.client5.http.wire}; an interceptor cannot help, since the header
 * is logged as it goes out. These connections instead:
 *
 * <ul>
 *   <li>log the request line and headers to the same header logger, with the credential of
 *       {@code Authorization} (and {@code Proxy-Authorization}) replaced by {@value Redactor#REDACTED}: its scheme
 *       stays, so {@code Authorization: Token <redacted>} still shows that a token was sent;
 *   <li>never write to the wire logger: the request bytes carry the token, and a byte stream cannot be redacted
 *       reliably (the header can be split across writes). Response headers are logged as HttpClient logs them.
 * </ul>
 */
final class RedactingConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
    private static final Logger HEADER_LOG = LoggerFactory.getLogger("org.apache.hc.client5.http.headers");
    private static final AtomicLong COUNTER = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        RedactingConnection connection = new RedactingConnection("http-outgoing-" + COUNTER.getAndIncrement());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /** {@code Token abc} as {@code Token <redacted>}; a value without a scheme entirely. */
    static String redactCredentials(String value) {
        if (value == null) {
            return null;
        }
        int space = value.indexOf(' ');
        return space > 0 ? value.substring(0, space) + " " + Redactor.REDACTED : Redactor.REDACTED;
    }

    private static final class RedactingConnection extends DefaultManagedHttpClientConnection {
        private final String id;

        RedactingConnection(String id) {
            super(id);
            this.id = id;
        }

        /** Binds the plain socket: the base class would wrap it in the wire logger's socket when that logs. */
        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            if (request == null || !HEADER_LOG.isDebugEnabled()) {
                return;
            }
            HEADER_LOG.debug("{} >> {}", id, new RequestLine(request));
            for (Header header : request.getHeaders()) {
                String name = header.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                boolean secret = lower.equals(HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT))
                        || lower.equals(HttpHeaders.PROXY_AUTHORIZATION.toLowerCase(Locale.ROOT));
                HEADER_LOG.debug("{} >> {}: {}", id, name, secret ? redactCredentials(header.getValue()) : header.getValue());
            }
        }
    }
}
