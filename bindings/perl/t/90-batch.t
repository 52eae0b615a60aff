use strict;
use warnings;
use Test::More skip_all => 'the batch tests are not written yet';
