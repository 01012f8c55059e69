package org.handshakelab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.handshakelab.Lab;
import org.handshakelab.Trace;
import org.handshakelab.view.HtmlView;
import org.handshakelab.view.ImageView;
import org.junit.jupiter.api.Test;

class ViewRendererTest {

    private static Renderer registered() {
        Renderer renderer = new Renderer();
        assertTrue(LabRenderers.register(renderer));
        return renderer;
    }

    static Trace keepalive() {
        return Lab.open(org.handshakelab.TestTools.bundled("http-keepalive.pcapng"));
    }

    @Test
    void packetListRendersAsHtmlWithPlainTextFallback() {
        Trace t = keepalive();
        DisplayData data = registered().render(t.packets());
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        String text = (String) data.getData(MIMEType.TEXT_PLAIN);
        assertEquals(t.packets().html(), html);
        assertEquals(t.packets().text(), text);
        assertTrue(html.contains("GET /hello HTTP/1.1") && text.contains("GET /hello HTTP/1.1"));
    }

    @Test
    void stepTableAndTraceRenderAsHtml() {
        Trace t = keepalive();
        Renderer r = registered();
        for (HtmlView view : new HtmlView[] {t.handshake(0), t.close(0), t, t.details(4)}) {
            DisplayData data = r.render(view);
            assertEquals(view.html(), data.getData(MIMEType.TEXT_HTML));
            assertEquals(view.text(), data.getData(MIMEType.TEXT_PLAIN));
        }
    }

    @Test
    void chartAndLadderRenderAsPngOfTheirSize() throws java.io.IOException {
        Trace t = keepalive();
        Renderer r = registered();
        for (ImageView view : new ImageView[] {t.timeSequence(0), t.ladder(0)}) {
            DisplayData data = r.render(view);
            byte[] png = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
            assertArrayEquals(ChartRendererTest.PNG_SIGNATURE, java.util.Arrays.copyOf(png, 8));
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertTrue(image.getWidth() >= 800 && image.getHeight() >= 500, image.getWidth() + "x" + image.getHeight());
            assertEquals(view.text(), data.getData(MIMEType.TEXT_PLAIN));
        }
    }

    @Test
    void imageViewRendersAsPngAndText() {
        byte[] png = ChartRendererTest.PNG_SIGNATURE;
        ImageView view = new ImageView() {
            @Override
            public byte[] png() {
                return png.clone();
            }

            @Override
            public String text() {
                return "a picture";
            }
        };
        DisplayData data = registered().render(view);
        assertArrayEquals(png, Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG)));
        assertEquals("a picture", data.getData(MIMEType.TEXT_PLAIN));
        assertNull(registered().renderAs(view, "text/plain").getData(MIMEType.IMAGE_PNG));
    }

    @Test
    void imageThatCannotBeDrawnStillShowsItsText() {
        ImageView broken = new ImageView() {
            @Override
            public byte[] png() {
                throw new IllegalStateException("no fonts");
            }

            @Override
            public String text() {
                return "a picture";
            }
        };
        DisplayData data = registered().render(broken);
        assertNull(data.getData(MIMEType.IMAGE_PNG));
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).startsWith("a picture (not drawn:"));
    }
}
