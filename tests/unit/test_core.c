/*
 * test_core.c - runs every Check suite of the libxapi core.
 */
#include <config.h>

#include <check.h>
#include <stdlib.h>

Suite *addr_suite(void);
Suite *cmsg_suite(void);
Suite *items_suite(void);
Suite *control_suite(void);
Suite *msg_suite(void);
Suite *misc_suite(void);

int main(void)
{
    SRunner *sr = srunner_create(addr_suite());
    int failed;

    srunner_add_suite(sr, cmsg_suite());
    srunner_add_suite(sr, items_suite());
    srunner_add_suite(sr, control_suite());
    srunner_add_suite(sr, msg_suite());
    srunner_add_suite(sr, misc_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
