import { defineModule } from '../../module';
import { eraseProfile, exportProfileData } from './people.personal-data';
import { homeSections } from './people.home.service';
import { peopleRoutes } from './people.routes';
import { peopleIndex } from './people.search';
import { seedDemoPeople } from './people.seed';

/** People: profiles (with photos and other domains' sections) and the directory of practitioners. */
export const peopleModule = defineModule({
  name: 'people',
  routes: peopleRoutes,
  searchIndexes: [peopleIndex],
  demoSeeder: seedDemoPeople,
  exportPersonalData: exportProfileData,
  onAccountDeleted: eraseProfile,
  homeSections: (hub, actor) => homeSections(hub, actor),
  authActions: {
    'person.view':
      'As the person chose: everyone, signed-in members, or people in one of the same organisations; the person and coordinators always. Unverified accounts only to themselves and coordinators.',
    'person.edit': 'The person themself (their own profile and photo).',
    'people.search': 'Signed-in people; each sees only the profiles they may view.'
  }
});
