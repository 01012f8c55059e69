package org.handshakelab.view;

/**
 * A view that shows itself as HTML in a notebook, with a plain-text form for consoles and for clients
 * that cannot show HTML. The HTML is script-free (CSS {@code :hover} and {@code title=} only), so it
 * works in untrusted notebooks too.
 */
public interface HtmlView {

    /** The view as an HTML fragment (no {@code <html>} or {@code <body>}), every value escaped. */
    String html();

    /** The view as plain text. */
    String text();
}
