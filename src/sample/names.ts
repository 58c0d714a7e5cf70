/** Name and place lists for synthetic pupils. Fictional: any likeness to a real family is chance. */
export const FORENAMES_F = [
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Sophia", "Grace", "Freya", "Emily",
  "Poppy", "Ella", "Evie", "Aisha", "Zara", "Maryam", "Hannah", "Chloe", "Ruby", "Niamh", "Amira", "Maya",
  "Priya", "Zoë", "Sienna", "Harper", "Layla", "Esme", "Nia", "Wiktoria", "Fatima", "Erin", "Jessica", "Eliza",
];
export const FORENAMES_M = [
  "Oliver", "George", "Noah", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Jack", "Charlie", "Jacob", "Thomas",
  "Alfie", "Freddie", "Henry", "Theo", "Ethan", "Kai", "Yusuf", "Ibrahim", "Rhys", "Callum", "Dylan", "Aarav",
  "Kacper", "Tyler", "Joshua", "Samuel", "Reuben", "Finley", "Ollie", "Malik", "Daniel", "Ryan", "Luca", "Tomasz",
];
export const SURNAMES = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright",
  "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood",
  "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King",
  "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Ahmed", "Ali", "Begum", "Hussain", "Nowak",
  "Kowalski", "Okafor", "Mensah", "Adeyemi", "O'Brien", "Murphy", "Kelly", "Singh", "Kaur", "Chen", "Nguyen",
  "Santos", "Popescu", "Ferreira", "Campbell",
];
export const STREETS = [
  "Meadow Lane", "Church Road", "Station Road", "Victoria Street", "Mill Lane", "Park Avenue", "The Crescent",
  "Orchard Close", "Queens Road", "Willow Way", "Brook Street", "Chapel Lane", "Kingfisher Drive", "Beech Grove",
  "Hawthorn Road", "Canal Side", "Elm Terrace", "Market Street", "Priory Walk", "Larch Close",
];
/** A fictional town; the postcode area AV is not a real one. */
export const TOWN = "Ashford Vale";
export const STAFF = ["Ms Patel", "Mr Hughes", "Mrs Okafor", "Mr Nowak", "Miss Campbell", "Mrs Singh"];
