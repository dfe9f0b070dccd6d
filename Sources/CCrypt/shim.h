// libxcrypt (Debian: libcrypt-dev): the system's password hashing (yescrypt, salted and slow),
// used for the kiosk's staff PIN.
#include <crypt.h>
