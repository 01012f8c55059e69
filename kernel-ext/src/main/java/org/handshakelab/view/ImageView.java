package org.handshakelab.view;

/** A view that shows itself as a PNG image in a notebook, with a one-paragraph plain-text summary. */
public interface ImageView {

    /** The view drawn as PNG; a fresh array on every call. */
    byte[] png();

    /** What the image shows, in words. */
    String text();
}
