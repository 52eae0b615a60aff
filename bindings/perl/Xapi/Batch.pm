package Xapi::Batch;

# Functions of the Batch topic.  Xapi.pm aliases every name listed in
# @EXPORTS into Xapi:: and exports it (also under the :batch tag).

use strict;
use warnings;

our @EXPORTS = ();

1;
