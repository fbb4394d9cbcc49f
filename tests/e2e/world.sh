# The usual start of an e2e test: the harness (lib.sh), the fixtures (fixtures.sh), a throw-away
# HOME, nginx serving the fixture mirror, the fixture recipes on USERPKG_RECIPE_PATH, and U=userpkg.
# Usage: here=$(cd "$(dirname "$0")" && pwd); source "$here/world.sh"
world_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$world_dir/lib.sh"
source "$world_dir/fixtures.sh"
setup_tmp
fixture_world
U=$USERPKG_BIN
