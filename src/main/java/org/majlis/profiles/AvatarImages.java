package org.majlis.profiles;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.majlis.files.ContentTypes;

/**
 * An uploaded picture made into an avatar: a PNG, JPEG or GIF (by its bytes, whatever it claims),
 * its size read from its header before anything is decoded so that a small file that unpacks to
 * a huge picture (a decompression bomb) is refused, decoded at most a few times larger than
 * needed (subsampled), cut to its centre square and drawn at {@value #SIDE} x {@value #SIDE} into
 * a PNG. Only the first frame of an animation is kept. CPU work: on worker threads.
 */
final class AvatarImages {

    static final int SIDE = 128;
    /** Larger sides or more pixels than this are refused before decoding. */
    static final int MAX_SIDE = 8192;
    static final long MAX_PIXELS = 24_000_000;
    /** Decoded at no more than this per side (subsampled): a big photo costs little memory. */
    private static final int DECODE_SIDE = SIDE * 4;
    /** The types taken, by the ImageIO format that reads them. */
    private static final Map<String, String> FORMATS = Map.of(ContentTypes.PNG, "png", ContentTypes.JPEG, "jpeg",
            ContentTypes.GIF, "gif");

    /** A picture that cannot be an avatar, and why. */
    static final class Unusable extends Exception {
        private final boolean tooLarge;

        Unusable(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        /** Refused for its size in pixels, not for what it is. */
        boolean tooLarge() {
            return tooLarge;
        }
    }

    private AvatarImages() {
    }

    static byte[] avatar(byte[] upload) throws Unusable {
        String type = ContentTypes.imageType(upload);
        String format = type == null ? null : FORMATS.get(type);
        if (format == null) {
            throw new Unusable("an avatar is a PNG, JPEG or GIF image", false);
        }
        // in memory: ImageIO's default stream would cache the bytes in a temporary file
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            ImageReader reader = reader(format);
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                    throw new Unusable("an avatar is at most " + MAX_SIDE + " pixels a side and " + MAX_PIXELS + " pixels", true);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.min(width, height) / DECODE_SIDE);
                param.setSourceSubsampling(step, step, 0, 0);
                return png(square(reader.read(0, param)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            // a truncated or malformed file: ImageIO throws IIOException, and some decoders runtime exceptions
            throw new Unusable("the image cannot be read", false);
        }
    }

    private static ImageReader reader(String format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IOException("no reader for " + format);
        }
        return readers.next();
    }

    /** The centre square, drawn at SIDE x SIDE with bicubic interpolation, transparency kept. */
    private static BufferedImage square(BufferedImage image) {
        int side = Math.min(image.getWidth(), image.getHeight());
        int x = (image.getWidth() - side) / 2;
        int y = (image.getHeight() - side) / 2;
        BufferedImage avatar = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = avatar.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, SIDE, SIDE, x, y, x + side, y + side, null);
        } finally {
            g.dispose();
        }
        return avatar;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // to memory: cannot happen
        }
        return out.toByteArray();
    }
}
