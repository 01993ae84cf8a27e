/*
 * raytrace.h - the algorithm of the raytrace workload: a ray tracer for a
 * landscape (a height field with lakes, lit by a sun, with shadows and
 * reflections on the water), in 16.16 fixed-point integer arithmetic -
 * the CPU has no FPU.  Shared by raytrace.c (the parallel program) and
 * tests/os/raytrace.c (the host reference): same code, same checksum.
 * Lab: workloads (raytrace is the paper's read-shared workload).
 *
 * The scene is a map of M x M heights (M a power of two) that tiles the
 * plane.  It is made from value noise (four octaves of smoothly
 * interpolated random lattice values), one row at a time by rt_gen_row().
 * Each pixel is rendered by rt_pixel(): march a ray from the camera in
 * steps that grow with distance until it drops below the terrain (or the
 * water level); shade the hit from the terrain normal and a shadow ray
 * towards the sun; on water, trace one reflected ray; fade into the sky
 * with distance.  Every pixel depends only on the map, so rows can be
 * rendered in any order by any number of threads.
 */
#ifndef OS_RAYTRACE_H
#define OS_RAYTRACE_H

#include <stdint.h>

#include "workload.h"

typedef int32_t fx;                     /* 16.16 fixed point */
#define FX(x) ((fx)((x) * 65536))
#define FX_ONE 65536

static inline fx fx_mul(fx a, fx b)
{
    return (fx)(((int64_t)a * b) >> 16);
}

struct rt_params {
    int width, height;                  /* image, pixels */
    int map_bits;                       /* the map is 2^map_bits squared */
    uint32_t seed;
};

/* size=small: 64x40, 128^2 map; medium: 160x100, 512^2 (1 MB); large:
 * 320x200, 1024^2 (4 MB).  width=, height=, map= (log2) override. */
static inline int rt_params(struct rt_params *p, int argc, char **argv)
{
    static const int w[] = { 64, 160, 320 }, h[] = { 40, 100, 200 }, m[] = { 7, 9, 10 };
    int s = wl_size(argc, argv);
    if (s < 0)
        return -1;
    p->width = wl_arg_int(argc, argv, "width", w[s]);
    p->height = wl_arg_int(argc, argv, "height", h[s]);
    p->map_bits = wl_arg_int(argc, argv, "map", m[s]);
    p->seed = (uint32_t)wl_arg_int(argc, argv, "seed", 1997);
    if (p->width < 1 || p->height < 1 || p->map_bits < 5 || p->map_bits > 12)
        return -1;
    return 0;
}

struct rt_scene {
    const fx *map;
    int bits, mask;
    int width, height;
};

/* ---- making the map ------------------------------------------------------ */

/* A random lattice value, 0..65535, for lattice point (i, j) of octave o. */
static inline int32_t rt_lattice(uint32_t seed, int o, int i, int j)
{
    return (int32_t)(mix32(seed * 0x9e3779b9u ^ (uint32_t)o * 0x85ebca6bu ^
                           (uint32_t)i * 73856093u ^ (uint32_t)j * 19349663u) & 0xffff);
}

/* Interpolates a..b by f/256. */
static inline int32_t rt_lerp8(int32_t a, int32_t b, int32_t f)
{
    return a + (((b - a) * f) >> 8);
}

/* The height of map cell (x, z): four octaves of value noise, periods
 * M/4 .. M/32, amplitudes 16, 8, 4, 2 cells.  Tiles seamlessly. */
static inline fx rt_gen_height(const struct rt_params *p, int x, int z)
{
    int M = 1 << p->map_bits;
    fx h = 0;
    for (int o = 0; o < 4; o++) {
        int period = M >> (2 + o);
        if (period < 2)
            period = 2;
        int n = M / period;             /* lattice points per side */
        int cx = x / period, cz = z / period;
        int fxr = (x % period) * 256 / period, fzr = (z % period) * 256 / period;
        int32_t a = rt_lattice(p->seed, o, cx, cz);
        int32_t b = rt_lattice(p->seed, o, (cx + 1) % n, cz);
        int32_t c = rt_lattice(p->seed, o, cx, (cz + 1) % n);
        int32_t d = rt_lattice(p->seed, o, (cx + 1) % n, (cz + 1) % n);
        int32_t v = rt_lerp8(rt_lerp8(a, b, fxr), rt_lerp8(c, d, fxr), fzr);
        h += v * (16 >> o);             /* v / 65536 * amplitude, in 16.16 */
    }
    return h;
}

static inline void rt_gen_row(const struct rt_params *p, fx *map, int z)
{
    int M = 1 << p->map_bits;
    for (int x = 0; x < M; x++)
        map[z * M + x] = rt_gen_height(p, x, z);
}

/* ---- rendering ---------------------------------------------------------------- */

#define RT_WATER FX(6)                  /* water level */
#define RT_FAR FX(160)                  /* the fog is total here */
#define RT_CAM_Y FX(36)
#define RT_SUN_X (-156)                 /* direction to the sun, x 256 */
#define RT_SUN_Y 130
#define RT_SUN_Z 156

/* Terrain height at (x, z), bilinear between the four nearest cells. */
static inline fx rt_sample(const struct rt_scene *s, fx x, fx z)
{
    int ix = (x >> 16) & s->mask, iz = (z >> 16) & s->mask;
    int ix1 = (ix + 1) & s->mask, iz1 = (iz + 1) & s->mask;
    int32_t fxr = (x >> 8) & 255, fzr = (z >> 8) & 255;
    const fx *r0 = s->map + (iz << s->bits), *r1 = s->map + (iz1 << s->bits);
    return rt_lerp8(rt_lerp8(r0[ix], r0[ix1], fxr), rt_lerp8(r1[ix], r1[ix1], fxr), fzr);
}

static inline uint32_t rt_rgb(int r, int g, int b)
{
    return (uint32_t)(r << 16 | g << 8 | b);
}

/* c * k / 256, per channel. */
static inline uint32_t rt_scale(uint32_t c, int k)
{
    return rt_rgb((int)((c >> 16 & 255) * k) >> 8, (int)((c >> 8 & 255) * k) >> 8,
                  (int)((c & 255) * k) >> 8);
}

/* a * (256 - f) / 256 + b * f / 256, per channel; f is clamped to 0..256. */
static inline uint32_t rt_mix(uint32_t a, uint32_t b, int f)
{
    f = f < 0 ? 0 : f > 256 ? 256 : f;
    return rt_scale(a, 256 - f) + rt_scale(b, f);
}

static inline uint32_t rt_sky(fx dy)
{
    int t = dy > 0 ? (int)(dy >> 8) : 0;  /* 0 .. 256 for dy 0 .. 1 */
    if (t > 255)
        t = 255;
    return rt_mix(0xb4d2f0, 0x3464b4, t);
}

static inline uint32_t rt_isqrt(uint32_t v)
{
    uint32_t r = 0, bit = 1u << 30;
    while (bit > v)
        bit >>= 2;
    while (bit) {
        if (v >= r + bit) {
            v -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return r;
}

/* Light reaching terrain point (x, y, z): 0 .. 256. */
static inline int rt_light(const struct rt_scene *s, fx x, fx y, fx z)
{
    /* Normal from the height differences, in 8.8. */
    int32_t nx = (rt_sample(s, x - FX_ONE, z) - rt_sample(s, x + FX_ONE, z)) >> 8;
    int32_t nz = (rt_sample(s, x, z - FX_ONE) - rt_sample(s, x, z + FX_ONE)) >> 8;
    int32_t ny = 512;
    int32_t len = (int32_t)rt_isqrt((uint32_t)(nx * nx + ny * ny + nz * nz));
    int32_t d = (nx * RT_SUN_X + ny * RT_SUN_Y + nz * RT_SUN_Z) / len;
    if (d <= 0)
        return 48;
    /* Shadow: walk towards the sun, one cell at a time. */
    fx sx = x, sy = y + FX_ONE / 8, sz = z;
    for (int i = 0; i < 48 && sy < FX(32); i++) {
        sx += RT_SUN_X * 256;
        sy += RT_SUN_Y * 256;
        sz += RT_SUN_Z * 256;
        if (sy < rt_sample(s, sx, sz))
            return 48 + d / 8;
    }
    return 48 + d * 3 / 4;
}

static inline uint32_t rt_ground(fx h)
{
    if (h < RT_WATER + FX(1))
        return 0xc8b482;                /* sand */
    if (h < FX(14))
        return 0x3c8228;                /* grass */
    if (h < FX(22))
        return 0x7a6a5a;                /* rock */
    return 0xf0f0f0;                    /* snow */
}

/* The colour seen along the ray (ox, oy, oz) + t (dx, dy, 1).  Water
 * reflects once (depth 1). */
static inline uint32_t rt_trace(const struct rt_scene *s, fx ox, fx oy, fx oz,
                                fx dx, fx dy, int depth)
{
    fx t = 0, step = FX_ONE / 4;
    while (t < RT_FAR) {
        t += step;
        fx x = ox + fx_mul(dx, t), y = oy + fx_mul(dy, t), z = oz + t;
        fx h = rt_sample(s, x, z);
        if (h <= RT_WATER && y <= RT_WATER) {
            uint32_t c = 0x1e4a7a;      /* water: mix in the reflection */
            if (depth == 0)
                c = rt_mix(c, rt_trace(s, x, RT_WATER, z, dx, -dy, 1), 100);
            return rt_mix(c, rt_sky(0), (int)(t / (RT_FAR >> 8)));
        }
        if (y <= h) {
            uint32_t c = rt_scale(rt_ground(h), rt_light(s, x, h, z));
            return rt_mix(c, rt_sky(0), (int)(t / (RT_FAR >> 8)));
        }
        step = FX_ONE / 4 + t / 40;
    }
    return rt_sky(dy);
}

static inline uint32_t rt_pixel(const struct rt_scene *s, int px, int py)
{
    /* Screen 1.4 wide at distance 1 (a 70 degree view), tilted down 0.35. */
    fx dx = (2 * px - s->width) * FX(0.7) / s->width;
    fx dy = (s->height - 2 * py) * FX(0.7) / s->width - FX(0.35);
    fx ox = (fx)(1 << (s->bits - 1)) * FX_ONE;
    return rt_trace(s, ox, RT_CAM_Y, 0, dx, dy, 0);
}

static inline void rt_render_row(const struct rt_scene *s, uint32_t *image, int py)
{
    for (int px = 0; px < s->width; px++)
        image[py * s->width + px] = rt_pixel(s, px, py);
}

/* The checksum of the image: FNV-1a of its pixels in order. */
static inline uint32_t rt_checksum(const uint32_t *image, int n)
{
    uint32_t h = FNV_INIT;
    for (int i = 0; i < n; i++)
        h = fnv_word(h, image[i]);
    return h;
}

/* A character for a pixel's brightness (raytrace show=1). */
static inline char rt_ascii(uint32_t c)
{
    int l = (int)((c >> 16 & 255) * 3 + (c >> 8 & 255) * 6 + (c & 255)) / 10;
    return " .:-=+*#%@"[l * 10 / 256];
}

#endif
