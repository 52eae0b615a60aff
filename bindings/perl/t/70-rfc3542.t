use strict;
use warnings;
use Test::More skip_all => 'the rfc3542 tests are not written yet';
