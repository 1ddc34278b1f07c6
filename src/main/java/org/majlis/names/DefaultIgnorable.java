package org.majlis.names;

/**
 * Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt, Unicode 15.1):
 * characters that render as nothing, such as joiners, variation selectors and the Hangul fillers.
 * Java has no accessor for it, so the ranges are copied here.
 */
final class DefaultIgnorable {

    // inclusive ranges, sorted
    private static final int[][] RANGES = {
            {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
            {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164},
            {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3},
            {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
    };

    private DefaultIgnorable() {
    }

    static boolean contains(int codePoint) {
        for (int[] range : RANGES) {
            if (codePoint < range[0]) {
                return false;
            }
            if (codePoint <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
