/*
 * test_sys.c - what the kernel says, read without going through xapi or
 * libc's interface calls: the independent side of the interface tests.
 */
#include <config.h>

#include <stdio.h>

unsigned sys_ifindex(const char *name);

/* /sys/class/net/NAME/ifindex, or 0 when there is no such interface. */
unsigned sys_ifindex(const char *name)
{
    char path[256];
    unsigned index = 0;
    FILE *f;

    snprintf(path, sizeof(path), "/sys/class/net/%s/ifindex", name);
    f = fopen(path, "r");
    if (f == NULL)
        return 0;
    if (fscanf(f, "%u", &index) != 1)
        index = 0;
    fclose(f);
    return index;
}
