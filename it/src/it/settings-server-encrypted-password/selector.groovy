// Needs a server that asks for passwords: a throwaway cluster (see PasswordServer), or a skip saying why.
return dev.tidemark.it.PasswordServer.availableFor(basedir.name)
