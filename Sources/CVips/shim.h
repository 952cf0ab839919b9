// libvips for Swift: Swift cannot call C's variadic functions, so each libvips call bantin makes with optional
// arguments gets a fixed-argument wrapper here. Everything else is called directly from Swift.
#include <vips/vips.h>
#include <webp/mux.h>

/// Drops libvips' warnings (e.g. "read gave 6 warnings"): a damaged image becomes an error that names the file,
/// and the warnings printed from worker threads would only interleave with the build's own messages.
static void bantin_vips_discard_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void) domain; (void) level; (void) message; (void) data;
}

static inline int bantin_vips_start(void) {
    if (vips_init("bantin") != 0) return -1;
    g_log_set_handler("VIPS", (GLogLevelFlags) (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO),
                      bantin_vips_discard_log, NULL);
    return 0;
}

/// The image's header only: pixels are decoded on first use, and bantin never uses them from this image.
static inline VipsImage *bantin_vips_header(const void *bytes, size_t length) {
    return vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL,
                                      "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

/// Decodes at most `width` pixels wide (shrink-on-load where the format has it), applies the EXIF orientation
/// and converts to sRGB or grey, 8 bits a band. `export_srgb` converts through the embedded ICC profile
/// (a Display P3 or Adobe RGB photo); `linear_cmyk` imports CMYK through its embedded profile, or libvips' own
/// CMYK profile when it has none. A truncated or corrupt file fails instead of coming out grey: `fail_on` goes in
/// the loader's option string, because libvips 8.14's vips_thumbnail_buffer does not hand its own `fail_on` on.
static inline int bantin_vips_thumbnail(const void *bytes, size_t length, VipsImage **out, int width,
                                        int export_srgb, int linear_cmyk) {
    if (linear_cmyk)
        /* At most three times as tall as wide: a page of an odd shape (a point wide, metres tall) would otherwise be
       drawn millions of pixels tall. An A4 page (1.41) is drawn at the full width. */
    return vips_thumbnail_buffer((void *) bytes, length, out, width, "height", width * 3,
                                     "size", VIPS_SIZE_DOWN, "option_string", "[fail_on=error]", "linear", TRUE,
                                     "import_profile", "cmyk", "export_profile", "srgb", NULL);
    if (export_srgb)
        /* At most three times as tall as wide: a page of an odd shape (a point wide, metres tall) would otherwise be
       drawn millions of pixels tall. An A4 page (1.41) is drawn at the full width. */
    return vips_thumbnail_buffer((void *) bytes, length, out, width, "height", width * 3,
                                     "size", VIPS_SIZE_DOWN, "option_string", "[fail_on=error]",
                                     "export_profile", "srgb", NULL);
    /* At most three times as tall as wide: a page of an odd shape (a point wide, metres tall) would otherwise be
       drawn millions of pixels tall. An A4 page (1.41) is drawn at the full width. */
    return vips_thumbnail_buffer((void *) bytes, length, out, width, "height", width * 3,
                                 "size", VIPS_SIZE_DOWN, "option_string", "[fail_on=error]", NULL);
}

/// A JPEG decoded by libjpeg at 1/`shrink` of its size (2, 4 or 8: libjpeg's scaled IDCT, so the full picture is
/// never decoded), then as bantin_vips_thumbnail: at most `width` wide (lanczos3 for the rest of the way), turned
/// by its EXIF orientation, sRGB. vips_thumbnail_buffer pre-shrinks a JPEG only when it shrinks it 4 times or more,
/// so a 12 MP phone photo (4000 px) for outputs up to 1600 px was decoded whole; the caller picks the largest
/// `shrink` that keeps the decoded picture at least `width` wide (bantin_vips_thumbnail when that is 1).
static inline int bantin_vips_thumbnail_jpeg(const void *bytes, size_t length, VipsImage **out, int width, int shrink,
                                             int export_srgb) {
    VipsImage *loaded = NULL;
    if (vips_jpegload_buffer((void *) bytes, length, &loaded, "shrink", shrink, "access", VIPS_ACCESS_SEQUENTIAL,
                             "fail_on", VIPS_FAIL_ON_ERROR, NULL) != 0)
        return -1;
    int result = export_srgb
        ? vips_thumbnail_image(loaded, out, width, "height", width * 3, "size", VIPS_SIZE_DOWN,
                               "export_profile", "srgb", NULL)
        : vips_thumbnail_image(loaded, out, width, "height", width * 3, "size", VIPS_SIZE_DOWN, NULL);
    g_object_unref(loaded);
    return result;
}

/// A smaller copy of an image already in memory (alpha premultiplied while shrinking).
static inline int bantin_vips_shrink(VipsImage *in, VipsImage **out, int width) {
    return vips_thumbnail_image(in, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
}

static inline int bantin_vips_copy(VipsImage *in, VipsImage **out) {
    return vips_copy(in, out, NULL);
}

static inline int bantin_vips_cast_uchar(VipsImage *in, VipsImage **out) {
    return vips_cast(in, out, VIPS_FORMAT_UCHAR, NULL);
}

static inline int bantin_vips_to_srgb(VipsImage *in, VipsImage **out) {
    return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, NULL);
}

static inline int bantin_vips_extract_bands(VipsImage *in, VipsImage **out, int first, int count) {
    return vips_extract_band(in, out, first, "n", count, NULL);
}

static inline int bantin_vips_min(VipsImage *in, double *out) {
    return vips_min(in, out, NULL);
}

/// Transparent pixels onto white, for the JPEG og:image of a picture with transparency.
static inline int bantin_vips_flatten_white(VipsImage *in, VipsImage **out) {
    double white[] = {255.0, 255.0, 255.0};
    VipsArrayDouble *background = vips_array_double_new(white, in->Bands >= 3 ? 3 : 1);
    int result = vips_flatten(in, out, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    return result;
}

/// An SVG (or any picture) drawn to fit inside logo_width × logo_height, centred on a width × height picture of
/// one colour, alpha flattened onto it: the site's icons and default share picture, made from its logo.
static inline int bantin_vips_icon(const void *bytes, size_t length, VipsImage **out, int width, int height,
                                   int logo_width, int logo_height, double red, double green, double blue) {
    VipsImage *drawn = NULL, *placed = NULL;
    if (vips_thumbnail_buffer((void *) bytes, length, &drawn, logo_width, "height", logo_height, NULL) != 0) return -1;
    double colour[] = {red, green, blue, 255.0};
    VipsArrayDouble *background = vips_array_double_new(colour, drawn->Bands >= 4 ? 4 : 3);
    int result = vips_gravity(drawn, &placed, VIPS_COMPASS_DIRECTION_CENTRE, width, height,
                              "extend", VIPS_EXTEND_BACKGROUND, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    g_object_unref(drawn);
    if (result != 0) return -1;
    if (placed->Bands == 4 || placed->Bands == 2) {
        VipsArrayDouble *flat = vips_array_double_new(colour, 3);
        result = vips_flatten(placed, out, "background", flat, NULL);
        vips_area_unref(VIPS_AREA(flat));
        g_object_unref(placed);
        return result;
    }
    *out = placed;
    return 0;
}

// Savers. `strip` is asked for, and the caller removes the metadata from the image itself before saving, but
// libvips 8.14.1's webpsave ignores `strip` and always rebuilds an EXIF block from the image's header (size,
// resolution): bantin_webp_strip takes it out afterwards.

static inline int bantin_vips_jpeg(VipsImage *in, void **buffer, size_t *length, int quality, int progressive) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", quality, "optimize_coding", TRUE,
                                "interlace", progressive, "strip", TRUE, NULL);
}

static inline int bantin_vips_webp(VipsImage *in, void **buffer, size_t *length, int quality, int effort) {
    return vips_webpsave_buffer(in, buffer, length, "Q", quality, "effort", effort, "strip", TRUE, NULL);
}

/// The WebP file without its EXIF, XMP and ICC chunks, through libwebp's own muxer (free `out` with WebPFree).
static inline int bantin_webp_strip(const void *data, size_t size, uint8_t **out, size_t *out_size) {
    WebPData input = {(const uint8_t *) data, size};
    WebPMux *mux = WebPMuxCreate(&input, 0);
    if (mux == NULL) return -1;
    WebPMuxDeleteChunk(mux, "EXIF");
    WebPMuxDeleteChunk(mux, "XMP ");
    WebPMuxDeleteChunk(mux, "ICCP");
    WebPData assembled;
    WebPDataInit(&assembled);
    WebPMuxError status = WebPMuxAssemble(mux, &assembled);
    WebPMuxDelete(mux);
    if (status != WEBP_MUX_OK) return -1;
    *out = (uint8_t *) assembled.bytes;
    *out_size = assembled.size;
    return 0;
}

/// A PDF's first page drawn `width` pixels wide by poppler (libvips' pdfload, through thumbnail so it is drawn at
/// that size, not drawn large and shrunk).
static inline int bantin_vips_pdf_first_page(const void *bytes, size_t length, VipsImage **out, int width) {
    /* At most three times as tall as wide: a page of an odd shape (a point wide, metres tall) would otherwise be
       drawn millions of pixels tall. An A4 page (1.41) is drawn at the full width. */
    return vips_thumbnail_buffer((void *) bytes, length, out, width, "height", width * 3,
                                 "option_string", "[page=0,n=1,fail_on=error]", NULL);
}

static inline int bantin_vips_png(VipsImage *in, void **buffer, size_t *length) {
    return vips_pngsave_buffer(in, buffer, length, "strip", TRUE, NULL);
}

/// A GIF again, every frame (`n=-1`: animation, delays and loop kept), without its metadata (EXIF, XMP, ICC,
/// comment): a GIF is published for its animation, never as the editor's file with what the camera or the
/// editing program wrote into it.
static inline int bantin_vips_gif_clean(const void *bytes, size_t length, void **buffer, size_t *out_length) {
    VipsImage *in = vips_image_new_from_buffer(bytes, length, "n=-1", "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    if (in == NULL) return -1;
    VipsImage *copy = NULL;
    if (vips_copy(in, &copy, NULL) != 0) { g_object_unref(in); return -1; }
    g_object_unref(in);
    const char *fields[] = {VIPS_META_EXIF_NAME, VIPS_META_XMP_NAME, VIPS_META_ICC_NAME, VIPS_META_IPTC_NAME,
                            VIPS_META_PHOTOSHOP_NAME, "gif-comment"};
    for (size_t index = 0; index < sizeof(fields) / sizeof(fields[0]); index++) vips_image_remove(copy, fields[index]);
    int result = vips_gifsave_buffer(copy, buffer, out_length, "strip", TRUE, NULL);
    g_object_unref(copy);
    return result;
}

/// The number of frames (pages) of an image, all of them loaded (`n=-1`); 0 when it cannot be read.
static inline int bantin_vips_pages(const void *bytes, size_t length) {
    VipsImage *image = vips_image_new_from_buffer(bytes, length, "n=-1", NULL);
    if (image == NULL) return 0;
    int pages = vips_image_get_n_pages(image);
    g_object_unref(image);
    return pages;
}

static inline int bantin_vips_avif(VipsImage *in, void **buffer, size_t *length, int quality, int effort) {
    return vips_heifsave_buffer(in, buffer, length, "Q", quality, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1,
                                "effort", effort, "strip", TRUE, NULL);
}

/// A test photo `width` × `height` as a JPEG (Q90): red top-left quarter, blue elsewhere, with a grain of
/// Gaussian noise (fixed seed) so that it is encoded and decoded like a photo, not like flat colour. For tests.
static inline int bantin_vips_test_jpeg(int width, int height, void **buffer, size_t *length) {
    VipsImage *t[7] = {NULL};
    double blue[] = {20.0, 40.0, 200.0}, red[] = {220.0, 20.0, 30.0}, one[] = {1.0, 1.0, 1.0};
    int result = -1;
    if (vips_black(&t[0], width, height, "bands", 3, NULL) == 0 &&
        vips_linear(t[0], &t[1], one, blue, 3, NULL) == 0 &&
        vips_cast(t[1], &t[2], VIPS_FORMAT_UCHAR, NULL) == 0 &&
        vips_copy(t[2], &t[3], "interpretation", VIPS_INTERPRETATION_sRGB, NULL) == 0 &&
        (t[4] = vips_image_copy_memory(t[3])) != NULL &&
        vips_draw_rect(t[4], red, 3, 0, 0, width / 2, height / 2, "fill", TRUE, NULL) == 0 &&
        vips_gaussnoise(&t[5], width, height, "sigma", 6.0, "mean", 0.0, "seed", 27, NULL) == 0 &&
        vips_add(t[4], t[5], &t[6], NULL) == 0) {
        VipsImage *grained = NULL;
        if (vips_cast(t[6], &grained, VIPS_FORMAT_UCHAR, NULL) == 0) {
            result = vips_jpegsave_buffer(grained, buffer, length, "Q", 90, "strip", TRUE, NULL);
            g_object_unref(grained);
        }
    }
    for (int index = 0; index < 7; index++)
        if (t[index] != NULL) g_object_unref(t[index]);
    return result;
}

/// One pixel's band values (g_free the vector); for tests that look at what came out.
static inline int bantin_vips_getpoint(VipsImage *in, double **vector, int *count, int x, int y) {
    return vips_getpoint(in, vector, count, x, y, NULL);
}
