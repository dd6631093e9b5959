# Grüße: a Latin-1 comment in a file of the module
locals {}
