use strict;
use warnings;
use Test::More skip_all => 'the net tests are not written yet';
