package Xapi::RFC3542;

# Functions of the RFC3542 topic.  Xapi.pm aliases every name listed in
# @EXPORTS into Xapi:: and exports it (also under the :rfc3542 tag).

use strict;
use warnings;

our @EXPORTS = ();

1;
