package Xapi::Net;

# Functions of the Net topic.  Xapi.pm aliases every name listed in
# @EXPORTS into Xapi:: and exports it (also under the :net tag).

use strict;
use warnings;

our @EXPORTS = ();

1;
