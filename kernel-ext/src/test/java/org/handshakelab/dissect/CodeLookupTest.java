package org.handshakelab.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.handshakelab.dissect.http.HttpMethod;
import org.handshakelab.dissect.ssh.SshMessageCode;
import org.handshakelab.dissect.tls.TlsAlertDescription;
import org.handshakelab.dissect.tls.TlsCipherSuite;
import org.handshakelab.dissect.tls.TlsContentType;
import org.handshakelab.dissect.tls.TlsExtensionType;
import org.handshakelab.dissect.tls.TlsHandshakeType;
import org.handshakelab.dissect.tls.TlsNamedGroup;
import org.handshakelab.dissect.tls.TlsSignatureScheme;
import org.handshakelab.dissect.tls.TlsVersion;
import org.junit.jupiter.api.Test;

/** The constant enums' {@code of(code)} lookups (tables built once) answer as a scan of values() would. */
class CodeLookupTest {

    @Test
    void everyCodeFindsTheFirstConstantListedWithItAndNothingElseIsFound() {
        same(TlsContentType.values(), TlsContentType::code, TlsContentType::of, 0x1_0000);
        same(TlsHandshakeType.values(), TlsHandshakeType::code, TlsHandshakeType::of, 0x1_0000);
        same(TlsAlertDescription.values(), TlsAlertDescription::code, TlsAlertDescription::of, 0x1_0000);
        same(TlsExtensionType.values(), TlsExtensionType::code, TlsExtensionType::of, 0x1_0000);
        same(TlsNamedGroup.values(), TlsNamedGroup::code, TlsNamedGroup::of, 0x1_0000);
        same(TlsSignatureScheme.values(), TlsSignatureScheme::code, TlsSignatureScheme::of, 0x1_0000);
        same(TlsCipherSuite.values(), TlsCipherSuite::code, TlsCipherSuite::of, 0x1_0000);
        same(SshMessageCode.values(), SshMessageCode::code, SshMessageCode::of, 0x1_0000);
    }

    @Test
    void tlsVersionDraftsStillCountAsTls13() {
        for (TlsVersion v : TlsVersion.values()) {
            assertEquals(Optional.of(v), TlsVersion.of(v.code()));
        }
        assertEquals(Optional.of(TlsVersion.TLS_1_3), TlsVersion.of(0x7F1C));
        assertEquals(Optional.empty(), TlsVersion.of(0x0200));
    }

    @Test
    void httpMethodIsFoundByItsExactTokenOnly() {
        for (HttpMethod m : HttpMethod.values()) {
            assertEquals(Optional.of(m), HttpMethod.of(m.name()));
        }
        assertEquals(Optional.empty(), HttpMethod.of("get"));
        assertEquals(Optional.empty(), HttpMethod.of(null));
    }

    private static <E> void same(E[] values, ToIntFunction<E> code, IntFunction<Optional<E>> of, int limit) {
        for (int c = -2; c < limit + 2; c++) {
            Optional<E> expected = Optional.empty();
            for (E e : values) {
                if (code.applyAsInt(e) == c) {
                    expected = Optional.of(e);
                    break;
                }
            }
            assertEquals(expected, of.apply(c), values[0].getClass().getSimpleName() + " code " + c);
        }
        assertTrue(values.length > 0);
    }
}
