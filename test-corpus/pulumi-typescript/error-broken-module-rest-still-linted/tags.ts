export const tags = {
    team: "operations",
    owner: ,
};
