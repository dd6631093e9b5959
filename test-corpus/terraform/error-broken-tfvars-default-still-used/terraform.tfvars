# Half-written.
region = 
