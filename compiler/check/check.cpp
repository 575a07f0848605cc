#include "ad/ad.h"
