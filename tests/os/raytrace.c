/*
 * raytrace.c - host reference for disco-os's raytrace workload
 * (guest/os/user/raytrace.c): the same algorithm (raytrace.h), run
 * sequentially in plain C - map rows in order, then image rows in order.
 * Prints the line the guest prints: "raytrace checksum: 0x...".
 *
 *   raytrace [size=small|medium|large] [width=W height=H map=BITS seed=S] [show=1]
 */
#include <stdio.h>
#include <stdlib.h>

#include "raytrace.h"

int main(int argc, char **argv)
{
    struct rt_params p;
    if (rt_params(&p, argc, argv) < 0) {
        fprintf(stderr, "usage: raytrace [size=small|medium|large] [width=W] [height=H] [map=BITS]\n");
        return 2;
    }
    int M = 1 << p.map_bits;
    fx *map = malloc(sizeof *map * M * M);
    uint32_t *image = malloc(sizeof *image * p.width * p.height);
    if (!map || !image)
        return 1;
    for (int z = 0; z < M; z++)
        rt_gen_row(&p, map, z);
    struct rt_scene s = { map, p.map_bits, M - 1, p.width, p.height };
    for (int y = 0; y < p.height; y++)
        rt_render_row(&s, image, y);
    if (wl_arg_int(argc, argv, "show", 0))
        for (int y = 0; y < p.height; y++) {
            for (int x = 0; x < p.width; x++)
                putchar(rt_ascii(image[y * p.width + x]));
            putchar('\n');
        }
    printf("raytrace checksum: 0x%08x\n", rt_checksum(image, p.width * p.height));
    return 0;
}
