package org.handshakelab.dissect.tls;

import java.util.HexFormat;

/**
 * RFC 8448 §3 "Simple 1-RTT Handshake": the published TLS 1.3 trace (TLS_AES_128_GCM_SHA256, x25519) with its
 * secrets, wire records and handshake messages, as test vectors for the key schedule and the record decryption.
 */
final class Rfc8448 {

    private Rfc8448() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static final String CLIENT_RANDOM = "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7";
    static final String SHARED_SECRET = "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d";
    static final String EARLY_SECRET = "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a";
    static final String DERIVED_FOR_HANDSHAKE = "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba";
    static final String HANDSHAKE_SECRET = "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac";
    static final String HELLO_HASH = "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8";
    static final String C_HS_TRAFFIC = "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21";
    static final String S_HS_TRAFFIC = "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38";
    static final String DERIVED_FOR_MASTER = "43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4";
    static final String MASTER_SECRET = "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919";
    static final String C_AP_TRAFFIC = "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5";
    static final String S_AP_TRAFFIC = "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643";
    static final String S_HS_KEY = "3fce516009c21727d0f2e4e86ee403bc";
    static final String S_HS_IV = "5d313eb2671276ee13000b30";
    static final String C_HS_KEY = "dbfaa693d1762c5b666af5d950258d01";
    static final String C_HS_IV = "5bd3c71b836e0b76bb73265f";
    static final String S_AP_KEY = "9f02283b6c9c07efc26bb9f2ac92e356";
    static final String S_AP_IV = "cf782b88dd83549aadf1e984";

    static final String CLIENT_HELLO = "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece70000"
            + "06130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d001700180019010001010102"
            + "01030104002300000033002600240" + "01d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"
            + "002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
            + "00024001";
    static final String SERVER_HELLO = "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800"
            + "130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";
    static final String ENCRYPTED_EXTENSIONS = "080000240022000a00140012001d00170018001901000101010201030104001c000240"
            + "0100000000";
    static final String CERTIFICATE = "0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01"
            + "010b0500300e310c300a06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a"
            + "300e310c300a0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb498f827930"
            + "3d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced4312099"
            + "8e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193ef"
            + "f0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b0603551d0f0404030205a0"
            + "300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594365417"
            + "f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102702e608ccae6bec1fc63a42a99be"
            + "5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de10000";
    static final String CERTIFICATE_VERIFY = "0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1"
            + "fda8477b0b7abc90db78e2d33a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411a"
            + "c027671459e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3";
    static final String SERVER_FINISHED = "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718";

    /** The server's first protected record: EE, Certificate, CertificateVerify, Finished (header included). */
    static final String SERVER_FLIGHT_RECORD = "17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf4"
            + "0aa40aa2b8ea73f848a7ca07612ef9f945cb960b4068905123ea78b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729d"
            + "f828b5ecf7b13bd9aefb0e57f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf51427"
            + "325250c7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd61092"
            + "8d809810e4b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fcf2a89441ac6"
            + "6272fd8fb330ef8190579b3684596c960bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f4415cf9538d51a"
            + "200c27034272968a264ed6540c84838d89f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a36ac1b639c637ce343117b"
            + "659622245317b49eeda0c6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e1b7a6c7178af36879018e3f25210"
            + "7f243d243dc7339d5684c8b0378bf30244da8c87c843f5e56eb4c5e8280a2b48052cf93b16499a66db7cca71e4599426f7d461e"
            + "66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe5a37668936b335583b599186dc5c6918a396fa48a1"
            + "81d6b6fa4f9d62d513afbb992f2b992f67f8afe67f76913fa388cb5630c8ca01e0c65d11c66a1e2ac4c85977b7c7a6999bbf10d"
            + "c35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038ebba42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504d"
            + "e93b5b845e275592c12335ee340bbc4fddd502784016e4b3be7ef04dda49f4b440a30cb5d2af939828fd4ae3794e44f94df5a63"
            + "1ede42c1719bfdabf0253fe5175be898e750edc53370d2b";

    /** A handshake message as a plaintext record (type 22, version 0x0303 as the RFC's server sends; 0x0301 CH). */
    static byte[] plaintextRecord(int version, String message) {
        byte[] m = hex(message);
        byte[] r = new byte[5 + m.length];
        r[0] = 22;
        r[1] = (byte) (version >> 8);
        r[2] = (byte) version;
        r[3] = (byte) (m.length >> 8);
        r[4] = (byte) m.length;
        System.arraycopy(m, 0, r, 5, m.length);
        return r;
    }
}
