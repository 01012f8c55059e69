package org.handshakelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.handshakelab.Quiz.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuizTest {

    static final List<String> BUNDLED = List.of("http-keepalive", "http-close", "tcp-rst", "tcp-refused",
            "https-tls12", "https-tls13", "ssh-exec");

    @BeforeAll
    static void openEveryBundledCapture() {
        for (String name : BUNDLED) {
            Questions.register(Workbook.open(name, Path.of("../captures", name + ".pcapng"), false));
        }
    }

    @Test
    void flagsAreReadAsHexTextNumbersOrNames() {
        for (Object synAck : List.of(0x12, 18, "0x012", "0x0012", "12", "SYN, ACK", "syn-ack", "ACK SYN")) {
            assertTrue(Quiz.matches(Kind.FLAGS, 0x12, synAck), () -> "SYN-ACK as " + synAck);
        }
        assertFalse(Quiz.matches(Kind.FLAGS, 0x12, 12));
        assertFalse(Quiz.matches(Kind.FLAGS, 0x12, "0x010"));
    }

    @Test
    void textIgnoresCaseSpacesAndDashes() {
        assertTrue(Quiz.matches(Kind.TEXT, "curve25519-sha256", "Curve25519 SHA256"));
        assertTrue(Quiz.matches(Kind.TEXT, List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "0xc02f"), "0xC02F"));
        assertFalse(Quiz.matches(Kind.TEXT, "client", "server"));
    }

    @Test
    void millisecondsMayBeOffByTenPercentOrFiftyMicroseconds() {
        assertTrue(Quiz.matches(Kind.MILLIS, 2.0, 2.15));
        assertTrue(Quiz.matches(Kind.MILLIS, 0.018, "0.05 ms"));
        assertFalse(Quiz.matches(Kind.MILLIS, 2.0, 2.5));
    }

    @Test
    void numbersAcceptHexText() {
        assertTrue(Quiz.matches(Kind.NUMBER, "0x0304", 772));
        assertTrue(Quiz.matches(Kind.NUMBER, 97L, "97"));
    }

    @Test
    void eachProtocolNotebookHasAtLeastEightQuestions() {
        for (String prefix : List.of("http.", "tls.", "ssh.")) {
            long n = Quiz.ids().stream().filter(id -> id.startsWith(prefix)).count();
            assertTrue(n >= 8, prefix + " has " + n + " questions");
        }
    }

    @Test
    void everyReferenceAnswerPassesItsOwnCheck() {
        assertEquals(List.of(), Quiz.failingReferences());
    }

    @Test
    void aWrongAnswerGetsAHintThatDoesNotGiveTheAnswerAway() {
        List<String> leaking = new ArrayList<>();
        for (String id : Quiz.ids()) {
            Quiz.Question q = Quiz.question(id).orElseThrow();
            Object ref = q.reference().get();
            String answer = Quiz.text(ref instanceof List<?> l ? l.get(0) : ref);
            Quiz.Verdict v = Quiz.answer(id, "no idea 12345");
            assertFalse(v.right(), id);
            if (answer.length() > 2 && Quiz.text(v.message()).contains(answer)) {
                leaking.add(id + ": " + v.message());
            }
        }
        assertEquals(List.of(), leaking);
    }

    @Test
    void anUnknownQuestionSaysWhichOnesExist() {
        Quiz.Verdict v = Quiz.answer("http.q99", 1);
        assertFalse(v.right());
        assertTrue(v.message().contains("http.q1"), v.message());
    }

    @Test
    void referenceAnswersOfTheBundledCapturesAreTheOnesTsharkShows() {
        // spot checks against the numbers tshark prints for the bundled captures (captures/README.md)
        assertTrue(Quiz.answer("http.q4", "0x012").right());
        assertTrue(Quiz.answer("http.q11", "0x014").right());
        assertTrue(Quiz.answer("http.q12", 1).right());
        assertTrue(Quiz.answer("tls.q10", 21).right());
        assertTrue(Quiz.answer("tls.q6", 4).right());
        assertTrue(Quiz.answer("tls.q9", "client").right());
        assertTrue(Quiz.answer("tls.q11", "0x0304").right());
        assertTrue(Quiz.answer("ssh.q5", "curve25519-sha256").right());
        assertTrue(Quiz.answer("ssh.q2", "server").right());
        assertTrue(Quiz.answer("http.q10", "server").right());
    }

    @Test
    void withTheKeysQuestionsAreAnsweredFromTheDecryptedCapture() {
        // tshark -o tls.keylog_file / -o ssh.keylog_file on the bundled captures shows the same
        assertTrue(Quiz.answer("tls.q13", "Certificate").right());
        assertTrue(Quiz.answer("tls.q13", 11).right());
        assertTrue(Quiz.answer("tls.q14", 16).right());
        assertTrue(Quiz.answer("tls.q15", 21).right());
        assertTrue(Quiz.answer("ssh.q11", "echo hello").right());
        assertTrue(Quiz.answer("ssh.q12", 11).right());
    }
}
