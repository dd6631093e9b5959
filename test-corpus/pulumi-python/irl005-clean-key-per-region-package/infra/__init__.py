from .regions import EAST, WEST
