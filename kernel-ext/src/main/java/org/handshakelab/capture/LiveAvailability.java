package org.handshakelab.capture;

/**
 * Whether live capture works here, and if not, why: what {@link LiveCapture#available()} answers, so a notebook
 * can fall back to a bundled capture.
 *
 * <pre>{@code
 * LiveAvailability live = LiveCapture.available();
 * CaptureFile capture = live.available() ? record(...) : CaptureFile.open(Path.of("captures/http-close.pcapng"));
 * System.out.println(live.reason());
 * }</pre>
 *
 * @param available      whether a capture on the interface could be opened
 * @param reason         empty when available; otherwise one line saying what is wrong and what to do
 * @param libraryVersion libpcap's version string, or empty when libpcap could not be loaded
 */
public record LiveAvailability(boolean available, String reason, String libraryVersion) {

    /** Checks the components. */
    public LiveAvailability {
        if (reason == null || libraryVersion == null) {
            throw new IllegalArgumentException("reason and libraryVersion must not be null (use \"\")");
        }
        if (available != reason.isEmpty()) {
            throw new IllegalArgumentException("reason must be empty exactly when available: \"" + reason + "\"");
        }
    }

    /** Live capture works; {@code libraryVersion} as libpcap reports it. */
    static LiveAvailability yes(String libraryVersion) {
        return new LiveAvailability(true, "", libraryVersion);
    }

    /** Live capture does not work, for this reason. */
    static LiveAvailability no(String reason, String libraryVersion) {
        return new LiveAvailability(false, reason, libraryVersion);
    }

    @Override
    public String toString() {
        return available ? "live capture available (" + libraryVersion + ")" : reason;
    }
}
